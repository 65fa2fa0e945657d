import { setTimeout as sleep } from 'node:timers/promises';
import { ErrorCode, type Logger, LogLevel, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackStandIn } from './slack-stand-in/index.js';
import { RateLimits } from './slack-stand-in/rate-limits.js';

const BOT_TOKEN = 'xoxb-test-token';

const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

let standIn: SlackStandIn;

function clientFor(
  token: string | undefined,
  options: Partial<ConstructorParameters<typeof WebClient>[1]> = {},
) {
  return new WebClient(token, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    logger: silentLogger,
    ...options,
  });
}

async function slackErrorOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the Slack call to fail');
}

beforeAll(async () => {
  standIn = await SlackStandIn.start({ botUserId: 'UBOT1', teamId: 'T0001' });
  standIn.addUser({
    id: 'U100',
    name: 'ana',
    real_name: 'Ana Alves',
    tz: 'Europe/Lisbon',
    profile: { email: 'Ana@Example.com' },
  });
  standIn.addUser({ id: 'U200', name: 'ben', tz: null });
  standIn.addUser({ id: 'U300', name: 'cleo', deleted: true });
});

afterAll(async () => {
  await standIn.stop();
});

beforeEach(() => {
  standIn.reset();
});

describe('SlackStandIn auth', () => {
  it('answers auth.test with the bot identity', async () => {
    const result = await clientFor(BOT_TOKEN).auth.test();
    expect(result).toMatchObject({
      ok: true,
      team_id: 'T0001',
      user_id: 'UBOT1',
      bot_id: expect.any(String),
    });
    expect(standIn.calls('auth.test')[0]).toMatchObject({ token: BOT_TOKEN, status: 200, ok: true });
  });

  it('rejects an unknown token with invalid_auth and a missing one with not_authed', async () => {
    const invalid = await slackErrorOf(clientFor('not-a-slack-token').auth.test());
    expect(invalid).toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'invalid_auth' },
    });
    const missing = await slackErrorOf(clientFor(undefined).auth.test());
    expect(missing).toMatchObject({ data: { error: 'not_authed' } });
    expect(standIn.calls().map((call) => call.error)).toEqual(['invalid_auth', 'not_authed']);
  });

  it('honours an explicit token list', async () => {
    const strict = await SlackStandIn.start({ validTokens: ['xoxb-only-this'] });
    try {
      const client = new WebClient('xoxb-another', { slackApiUrl: strict.apiUrl, logger: silentLogger });
      await expect(client.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
      const allowed = new WebClient('xoxb-only-this', { slackApiUrl: strict.apiUrl, logger: silentLogger });
      await expect(allowed.auth.test()).resolves.toMatchObject({ ok: true });
    } finally {
      await strict.stop();
    }
  });
});

describe('SlackStandIn messages', () => {
  it('round-trips chat.postMessage through conversations.history, metadata only on request', async () => {
    const client = clientFor(BOT_TOKEN);
    const metadata = { event_type: 'coaching_tip', event_payload: { tip_id: 42 } };
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*Tip*' } }];
    const first = await client.chat.postMessage({ channel: 'C1', text: 'first' });
    const second = await client.chat.postMessage({ channel: 'C1', text: 'Tip', blocks, metadata });

    expect(second).toMatchObject({ ok: true, channel: 'C1', message: { text: 'Tip', blocks, metadata } });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(standIn.calls('chat.postMessage')[1]?.args).toMatchObject({ blocks, metadata });

    const plain = await client.conversations.history({ channel: 'C1' });
    expect(plain.messages?.map((message) => message.text)).toEqual(['Tip', 'first']);
    expect(plain.messages?.[0]).not.toHaveProperty('metadata');

    const withMetadata = await client.conversations.history({ channel: 'C1', include_all_metadata: true });
    expect(withMetadata.messages?.[0]).toMatchObject({ metadata, blocks, user: 'UBOT1', ts: second.ts });
  });

  it('pages conversations.history with limit and cursor, and filters by oldest', async () => {
    const client = clientFor(BOT_TOKEN);
    const posted = [];
    for (const text of ['a', 'b', 'c']) posted.push(await client.chat.postMessage({ channel: 'C2', text }));

    const page1 = await client.conversations.history({ channel: 'C2', limit: 2 });
    expect(page1.messages?.map((message) => message.text)).toEqual(['c', 'b']);
    expect(page1.has_more).toBe(true);
    const page2 = await client.conversations.history({
      channel: 'C2',
      limit: 2,
      cursor: page1.response_metadata?.next_cursor,
    });
    expect(page2.messages?.map((message) => message.text)).toEqual(['a']);
    expect(page2.has_more).toBe(false);

    const newer = await client.conversations.history({ channel: 'C2', oldest: posted[0]?.ts });
    expect(newer.messages?.map((message) => message.text)).toEqual(['c', 'b']);
  });

  it('files a DM posted to a user id under that user’s D channel', async () => {
    const result = await clientFor(BOT_TOKEN).chat.postMessage({ channel: 'U100', text: 'hello' });
    expect(result.channel).toBe('DU100');
    expect(standIn.messages('U100').map((message) => message.text)).toEqual(['hello']);
    expect(standIn.messages('DU100')).toHaveLength(1);
    const opened = await clientFor(BOT_TOKEN).conversations.open({ users: 'U100' });
    expect(opened.channel?.id).toBe('DU100');
  });

  it('updates a message it knows and refuses one it does not', async () => {
    const client = clientFor(BOT_TOKEN);
    const posted = await client.chat.postMessage({ channel: 'C3', text: 'draft' });
    const updated = await client.chat.update({ channel: 'C3', ts: posted.ts!, text: 'final' });
    expect(updated).toMatchObject({ ok: true, ts: posted.ts, text: 'final' });
    expect(standIn.messages('C3')[0]).toMatchObject({ text: 'final', edited: { user: 'UBOT1' } });

    const error = await slackErrorOf(client.chat.update({ channel: 'C3', ts: '1.000001', text: 'x' }));
    expect(error).toMatchObject({ data: { error: 'message_not_found' } });
  });

  it('keeps threads for conversations.replies and out of history', async () => {
    const client = clientFor(BOT_TOKEN);
    const parent = await client.chat.postMessage({ channel: 'C4', text: 'parent' });
    await client.chat.postMessage({ channel: 'C4', text: 'reply', thread_ts: parent.ts! });
    const replies = await client.conversations.replies({ channel: 'C4', ts: parent.ts! });
    expect(replies.messages?.map((message) => message.text)).toEqual(['parent', 'reply']);
    expect(replies.messages?.[0]).toMatchObject({ reply_count: 1, thread_ts: parent.ts });
    const history = await client.conversations.history({ channel: 'C4' });
    expect(history.messages?.map((message) => message.text)).toEqual(['parent']);
  });

  it('answers no_text and invalid_blocks the way Slack does', async () => {
    const client = clientFor(BOT_TOKEN);
    const noText = await slackErrorOf(client.apiCall('chat.postMessage', { channel: 'C5' }));
    expect(noText).toMatchObject({ data: { error: 'no_text' } });
    const blocks = Array.from({ length: 51 }, () => ({ type: 'divider' }));
    const tooMany = await slackErrorOf(client.chat.postMessage({ channel: 'C5', text: 'x', blocks }));
    expect(tooMany).toMatchObject({ data: { error: 'invalid_blocks' } });
  });

  it('adds reactions and gives permalinks for stored messages', async () => {
    const client = clientFor(BOT_TOKEN);
    const posted = await client.chat.postMessage({ channel: 'C6', text: 'nice' });
    await client.reactions.add({ channel: 'C6', timestamp: posted.ts!, name: 'tada' });
    expect(standIn.messages('C6')[0]?.reactions).toEqual([{ name: 'tada', users: ['UBOT1'], count: 1 }]);
    const again = await slackErrorOf(
      client.reactions.add({ channel: 'C6', timestamp: posted.ts!, name: 'tada' }),
    );
    expect(again).toMatchObject({ data: { error: 'already_reacted' } });
    const link = await client.chat.getPermalink({ channel: 'C6', message_ts: posted.ts! });
    expect(link.permalink).toContain(`/archives/C6/p${posted.ts!.replace('.', '')}`);
  });
});

describe('SlackStandIn channel membership', () => {
  it('refuses posts, history and shared uploads where the bot is not, until it is invited', async () => {
    const client = clientFor(BOT_TOKEN);
    standIn.removeBotFromChannel('C0OUT');
    const post = () => client.chat.postMessage({ channel: 'C0OUT', text: 'hi' });
    expect(((await slackErrorOf(post())).data as { error: string }).error).toBe('not_in_channel');
    const history = await slackErrorOf(client.conversations.history({ channel: 'C0OUT' }));
    expect((history.data as { error: string }).error).toBe('not_in_channel');
    expect((await client.conversations.info({ channel: 'C0OUT' })).channel?.is_member).toBe(false);
    const slot = await client.files.getUploadURLExternal({ filename: 'a.png', length: 3 });
    await fetch(slot.upload_url!, { method: 'POST', body: Buffer.from('abc') });
    const shared = await slackErrorOf(
      client.files.completeUploadExternal({ files: [{ id: slot.file_id! }], channel_id: 'C0OUT' }),
    );
    expect((shared.data as { error: string }).error).toBe('not_in_channel');

    standIn.inviteBotToChannel('C0OUT');
    expect((await post()).ok).toBe(true);
    expect((await client.conversations.info({ channel: 'C0OUT' })).channel?.is_member).toBe(true);
  });

  it('refuses posts to an archived channel with is_archived', async () => {
    const client = clientFor(BOT_TOKEN);
    standIn.archiveChannel('C0ARCH');
    const error = await slackErrorOf(client.chat.postMessage({ channel: 'C0ARCH', text: 'hi' }));
    expect((error.data as { error: string }).error).toBe('is_archived');
    expect((await client.conversations.info({ channel: 'C0ARCH' })).channel?.is_archived).toBe(true);
  });
});

describe('SlackStandIn argument checks', () => {
  it('answers invalid_arguments naming the missing required argument', async () => {
    const error = await slackErrorOf(clientFor(BOT_TOKEN).apiCall('users.info', {}));
    expect(error).toMatchObject({
      code: ErrorCode.PlatformError,
      data: {
        error: 'invalid_arguments',
        response_metadata: { messages: ['[ERROR] missing required field: user'] },
      },
    });
    expect(standIn.calls('users.info')[0]).toMatchObject({
      ok: false,
      error: 'invalid_arguments',
      status: 200,
    });
  });

  it('answers unknown_method for methods it does not know, and records them', async () => {
    const error = await slackErrorOf(clientFor(BOT_TOKEN).apiCall('bogus.method', { a: 1 }));
    expect(error).toMatchObject({ data: { error: 'unknown_method' } });
    expect(standIn.calls('bogus.method')[0]).toMatchObject({ args: { a: '1' }, error: 'unknown_method' });
  });

  it('accepts JSON bodies as well as forms', async () => {
    const response = await fetch(`${standIn.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({
        channel: 'C7',
        text: 'json',
        metadata: { event_type: 'e', event_payload: { n: 1 } },
      }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C7' });
    expect(standIn.calls('chat.postMessage')[0]?.args).toMatchObject({
      metadata: { event_payload: { n: 1 } },
    });
  });
});

describe('SlackStandIn injected failures', () => {
  it('surfaces an injected 429 as a rate-limited error carrying Retry-After', async () => {
    standIn.fail('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 7 });
    const client = clientFor(BOT_TOKEN, { rejectRateLimitedCalls: true });
    const error = await slackErrorOf(client.chat.postMessage({ channel: 'C1', text: 'hi' }));
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect(standIn.calls('chat.postMessage')[0]).toMatchObject({
      status: 429,
      ok: false,
      retryAfterSeconds: 7,
      args: { channel: 'C1', text: 'hi' },
    });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'hi' })).resolves.toMatchObject({ ok: true });
  });

  it('lets a retrying client wait out the Retry-After before trying again', async () => {
    standIn.fail('auth.test', { kind: 'rate_limited', retryAfterSeconds: 1 });
    const client = clientFor(BOT_TOKEN, { retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 } });
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    const [limited, retried] = standIn.calls('auth.test');
    expect(retried!.receivedAt - limited!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it('fails only the calls an injected failure is aimed at, leaving it for them', async () => {
    standIn.fail(
      'chat.postMessage',
      { kind: 'error', error: 'not_in_channel' },
      {
        when: (call) => call.args.channel === 'C2',
      },
    );
    const client = clientFor(BOT_TOKEN);
    await expect(client.chat.postMessage({ channel: 'C1', text: 'other traffic' })).resolves.toMatchObject({
      ok: true,
    });
    const error = await slackErrorOf(client.chat.postMessage({ channel: 'C2', text: 'aimed at' }));
    expect(error).toMatchObject({ data: { error: 'not_in_channel' } });
    await expect(client.chat.postMessage({ channel: 'C2', text: 'again' })).resolves.toMatchObject({
      ok: true,
    });
  });

  it('surfaces an injected ok:false error as the platform error', async () => {
    standIn.fail('users.info', { kind: 'error', error: 'user_not_visible' });
    const error = await slackErrorOf(clientFor(BOT_TOKEN).users.info({ user: 'U100' }));
    expect(error).toMatchObject({
      code: ErrorCode.PlatformError,
      data: { ok: false, error: 'user_not_visible' },
    });
  });

  it('surfaces an injected 500 as an HTTP error, for as many calls as asked', async () => {
    standIn.fail('auth.test', { kind: 'server_error' }, { times: 2 });
    const client = clientFor(BOT_TOKEN);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await slackErrorOf(client.auth.test());
      expect(error).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });
    }
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    expect(standIn.calls('auth.test').map((call) => call.status)).toEqual([500, 500, 200]);
  });

  it('fails every n-th call with failSome, deterministically, until reset', async () => {
    standIn.failSome('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 }, { every: 3 });
    const client = clientFor(BOT_TOKEN, { rejectRateLimitedCalls: true });
    const outcomes: string[] = [];
    for (let n = 1; n <= 7; n += 1) {
      await client.chat.postMessage({ channel: 'C1', text: `m${n}` }).then(
        () => outcomes.push('ok'),
        (error: { code?: string }) => outcomes.push(error.code ?? 'error'),
      );
    }
    const limited = ErrorCode.RateLimitedError;
    expect(outcomes).toEqual(['ok', 'ok', limited, 'ok', 'ok', limited, 'ok']);
    expect(standIn.messages('C1').map((message) => message.text)).toEqual(['m1', 'm2', 'm4', 'm5', 'm7']);
    // Other methods are untouched, and a one-off failure goes first without moving the count.
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    standIn.fail('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({
      data: { error: 'channel_not_found' },
    });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'm8' })).resolves.toMatchObject({ ok: true });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'm9' })).rejects.toMatchObject({
      code: limited,
    });
    standIn.reset();
    for (let n = 0; n < 3; n += 1) await client.chat.postMessage({ channel: 'C1', text: 'after reset' });
    expect(standIn.calls('chat.postMessage').every((call) => call.ok)).toBe(true);
  });

  it('records when each answer was written, after the call was received', async () => {
    standIn.fail('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 });
    const client = clientFor(BOT_TOKEN, { rejectRateLimitedCalls: true });
    await client.chat.postMessage({ channel: 'C1', text: 'hi' }).catch(() => undefined);
    await client.chat.postMessage({ channel: 'C1', text: 'hi' });
    for (const call of standIn.calls('chat.postMessage')) {
      expect(call.answeredAt).toBeGreaterThanOrEqual(call.receivedAt);
      expect(call.answeredAt).toBeLessThanOrEqual(Date.now());
    }
  });

  it('can carry a call out and still answer 5xx, like a post Slack stored before failing', async () => {
    standIn.fail('chat.postMessage', { kind: 'server_error', status: 503, afterHandling: true });
    const client = clientFor(BOT_TOKEN);
    const error = await slackErrorOf(
      client.chat.postMessage({
        channel: 'U100',
        text: 'stored anyway',
        metadata: { event_type: 'coaching_tip', event_payload: { tip_id: 7 } },
      }),
    );
    expect(error).toMatchObject({ code: ErrorCode.HTTPError, statusCode: 503 });
    expect(standIn.calls('chat.postMessage')[0]).toMatchObject({ status: 503, ok: false, error: 'http_503' });
    const history = await client.conversations.history({ channel: 'DU100', include_all_metadata: true });
    expect(history.messages).toMatchObject([
      { text: 'stored anyway', metadata: { event_type: 'coaching_tip', event_payload: { tip_id: 7 } } },
    ]);
  });

  it('stores a post at once but answers it late with delayAnswers, like a slow Slack', async () => {
    standIn.delayAnswers('chat.postMessage', 500);
    const client = clientFor(BOT_TOKEN);
    const posting = client.chat.postMessage({ channel: 'C1', text: 'slow' });
    // As soon as the call has arrived (however long that takes on a busy machine)…
    while (standIn.calls('chat.postMessage').length === 0) await sleep(5);
    // …the post is stored while its answer is still on hold.
    expect(standIn.messages('C1').map((message) => message.text)).toEqual(['slow']);
    expect(standIn.calls('chat.postMessage')[0]?.status).toBe(0);
    await expect(posting).resolves.toMatchObject({ ok: true });
    const [call] = standIn.calls('chat.postMessage');
    expect((call?.answeredAt ?? 0) - (call?.receivedAt ?? 0)).toBeGreaterThanOrEqual(500);
    standIn.delayAnswers('chat.postMessage', 0);
    await client.chat.postMessage({ channel: 'C1', text: 'fast' });
    const fast = standIn.calls('chat.postMessage')[1];
    expect((fast?.answeredAt ?? 0) - (fast?.receivedAt ?? 0)).toBeLessThan(250);
  });

  it('fails any method with "*" and keeps failing with times: Infinity', async () => {
    standIn.fail('*', { kind: 'error', error: 'token_revoked' }, { times: Number.POSITIVE_INFINITY });
    const client = clientFor(BOT_TOKEN);
    for (const call of [client.auth.test(), client.users.info({ user: 'U100' }), client.auth.test()]) {
      await expect(call).rejects.toMatchObject({ data: { error: 'token_revoked' } });
    }
  });
});

describe('SlackStandIn users', () => {
  it('answers users.info from added users and user_not_found otherwise', async () => {
    const client = clientFor(BOT_TOKEN);
    const { user } = await client.users.info({ user: 'U100' });
    expect(user).toMatchObject({
      id: 'U100',
      name: 'ana',
      real_name: 'Ana Alves',
      tz: 'Europe/Lisbon',
      tz_offset: expect.any(Number),
      deleted: false,
      profile: { email: 'Ana@Example.com' },
    });
    const missing = await slackErrorOf(client.users.info({ user: 'U999' }));
    expect(missing).toMatchObject({ data: { error: 'user_not_found' } });
  });

  it('pages users.list with limit and cursor, Slackbot and the bot included as in a real workspace', async () => {
    const client = clientFor(BOT_TOKEN);
    const ids: string[] = [];
    let pages = 0;
    for await (const page of client.paginate('users.list', { limit: 2 })) {
      pages += 1;
      const members = (page as { members?: Array<{ id: string }> }).members ?? [];
      ids.push(...members.map((member) => member.id));
    }
    expect(ids).toEqual(['USLACKBOT', 'UBOT1', 'U100', 'U200', 'U300']);
    expect(pages).toBe(3);
    const bad = await slackErrorOf(client.users.list({ cursor: 'bm9wZQ==' }));
    expect(bad).toMatchObject({ data: { error: 'invalid_cursor' } });
  });

  it('finds users by email, case-insensitively', async () => {
    const client = clientFor(BOT_TOKEN);
    await expect(client.users.lookupByEmail({ email: 'ana@example.com' })).resolves.toMatchObject({
      user: { id: 'U100' },
    });
    await expect(client.users.lookupByEmail({ email: 'nobody@example.com' })).rejects.toMatchObject({
      data: { error: 'users_not_found' },
    });
  });

  it('refuses to open a DM with a deactivated user', async () => {
    await expect(clientFor(BOT_TOKEN).conversations.open({ users: 'U300' })).rejects.toMatchObject({
      data: { error: 'user_disabled' },
    });
  });
});

describe('SlackStandIn views', () => {
  const modal = {
    type: 'modal' as const,
    callback_id: 'deal_review',
    title: { type: 'plain_text' as const, text: 'Deal review' },
    blocks: [],
  };

  it('opens a modal once per trigger and updates it by view id', async () => {
    const client = clientFor(BOT_TOKEN);
    const opened = await client.views.open({ trigger_id: '1.2.abc', view: modal });
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      callback_id: 'deal_review',
      hash: expect.any(String),
    });
    const reused = await slackErrorOf(client.views.open({ trigger_id: '1.2.abc', view: modal }));
    expect(reused).toMatchObject({ data: { error: 'exchanged_trigger_id' } });

    const updated = await client.views.update({
      view_id: opened.view!.id!,
      view: { ...modal, callback_id: 'step_2' },
    });
    expect(updated.view).toMatchObject({ id: opened.view!.id, callback_id: 'step_2' });
    const unknown = await slackErrorOf(client.views.update({ view_id: 'VNOPE', view: modal }));
    expect(unknown).toMatchObject({ data: { error: 'not_found' } });
  });

  it('needs a trigger_id to open a modal and rejects titles longer than Slack allows', async () => {
    const client = clientFor(BOT_TOKEN);
    const noTrigger = await slackErrorOf(client.apiCall('views.open', { view: modal }));
    expect(noTrigger).toMatchObject({ data: { error: 'invalid_arguments' } });
    const longTitle = {
      ...modal,
      title: { type: 'plain_text' as const, text: 'A title that is far too long' },
    };
    const tooLong = await slackErrorOf(client.views.open({ trigger_id: '1.2.xyz', view: longTitle }));
    expect(tooLong).toMatchObject({ data: { error: 'invalid_arguments' } });
  });

  it('publishes one Home tab per user, keeping its id', async () => {
    const client = clientFor(BOT_TOKEN);
    const home = { type: 'home' as const, blocks: [] };
    const first = await client.views.publish({ user_id: 'U100', view: home });
    const second = await client.views.publish({ user_id: 'U100', view: home });
    expect(second.view?.id).toBe(first.view?.id);
  });
});

describe('SlackStandIn file uploads', () => {
  it('takes a files.uploadV2 through both steps and keeps the bytes', async () => {
    const client = clientFor(BOT_TOKEN);
    const content = 'rep,score\nana,9\n';
    const result = await client.files.uploadV2({
      channel_id: 'U100',
      filename: 'ranking.csv',
      title: 'Weekly ranking',
      file: Buffer.from(content),
      initial_comment: 'This week',
    });
    expect(result.ok).toBe(true);
    expect(standIn.calls().map((call) => call.method)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    const [uploaded] = standIn.uploadedFiles();
    expect(uploaded).toMatchObject({ filename: 'ranking.csv', title: 'Weekly ranking', completed: true });
    expect(uploaded?.bytes.toString()).toBe(content);
    expect(standIn.calls('files.completeUploadExternal')[0]?.args.files).toEqual([
      { id: uploaded?.fileId, title: 'Weekly ranking' },
    ]);
    expect(standIn.messages('U100')[0]).toMatchObject({
      text: 'This week',
      files: [{ id: uploaded?.fileId }],
    });
  });

  it('refuses to complete an upload whose bytes never arrived', async () => {
    const client = clientFor(BOT_TOKEN);
    const { file_id } = await client.files.getUploadURLExternal({ filename: 'a.txt', length: 3 });
    const error = await slackErrorOf(client.files.completeUploadExternal({ files: [{ id: file_id! }] }));
    expect(error).toMatchObject({ data: { error: 'file_not_found' } });
  });
});

describe('SlackStandIn test helpers', () => {
  it('lets a test override an answer and wait for calls', async () => {
    standIn.respond('users.info', (args) => ({ user: { id: args.user, name: 'overridden' } }));
    const waiting = standIn.waitForCalls('users.info', 2);
    const client = clientFor(BOT_TOKEN);
    await client.users.info({ user: 'U1' });
    await client.users.info({ user: 'U2' });
    const calls = await waiting;
    expect(calls.map((call) => call.args.user)).toEqual(['U1', 'U2']);
    await expect(client.users.info({ user: 'U3' })).resolves.toMatchObject({ user: { name: 'overridden' } });
  });

  it('rejects waitForCalls when the calls never come', async () => {
    await expect(standIn.waitForCalls('chat.postMessage', 1, 50)).rejects.toThrow(/waited 50ms/);
  });

  it('records posts to response URLs under its base URL', async () => {
    const url = `${standIn.baseUrl}/commands/T0001/123/abc`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'done', response_type: 'ephemeral' }),
    });
    expect(response.status).toBe(200);
    expect(standIn.calls('response_url')[0]?.args).toEqual({
      text: 'done',
      response_type: 'ephemeral',
      response_url: url,
    });
  });

  it('reset forgets activity but keeps users', async () => {
    const client = clientFor(BOT_TOKEN);
    await client.chat.postMessage({ channel: 'C9', text: 'x' });
    standIn.fail('auth.test', { kind: 'server_error' });
    standIn.reset();
    expect(standIn.calls()).toEqual([]);
    expect(standIn.messages('C9')).toEqual([]);
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    await expect(client.users.info({ user: 'U100' })).resolves.toMatchObject({ ok: true });
  });
});

describe('SlackStandIn rate limits', () => {
  it('answers 429 with Retry-After past the burst, and lets calls through again as the bucket refills', async () => {
    // 600 a minute: one call back every 100 ms.
    standIn.rateLimit('chat.postMessage', { perMinute: 600, burst: 3 });
    const client = clientFor(BOT_TOKEN, { rejectRateLimitedCalls: true });
    for (let n = 1; n <= 3; n += 1) {
      await expect(client.chat.postMessage({ channel: 'C1', text: `m${n}` })).resolves.toMatchObject({
        ok: true,
      });
    }
    const error = await slackErrorOf(client.chat.postMessage({ channel: 'C1', text: 'over' }));
    expect(error).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 1 });
    expect(standIn.calls('chat.postMessage')[3]).toMatchObject({
      status: 429,
      ok: false,
      error: 'ratelimited',
      retryAfterSeconds: 1,
    });
    // Only the limited method is limited.
    await expect(client.auth.test()).resolves.toMatchObject({ ok: true });
    await sleep(150);
    await expect(client.chat.postMessage({ channel: 'C1', text: 'm4' })).resolves.toMatchObject({ ok: true });
    expect(standIn.messages('C1').map((message) => message.text)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('lets no more than the burst plus the refill through a stream of calls as fast as they come', async () => {
    standIn.rateLimit('chat.postMessage', { perMinute: 6_000, burst: 5 });
    const client = clientFor(BOT_TOKEN, { rejectRateLimitedCalls: true });
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: 40 }, (_, n) =>
        client.chat.postMessage({ channel: 'C2', text: `m${n}` }).then(
          () => 'ok',
          (failed: { code?: string }) => failed.code,
        ),
      ),
    );
    const elapsed = Date.now() - started;
    const answered = outcomes.filter((outcome) => outcome === 'ok').length;
    // 100 a second: 5 at once, then one per 10 ms of the time the stream took.
    expect(answered).toBeGreaterThanOrEqual(5);
    expect(answered).toBeLessThanOrEqual(5 + Math.ceil(elapsed / 10));
    expect(outcomes.filter((outcome) => outcome === ErrorCode.RateLimitedError)).toHaveLength(40 - answered);
    expect(standIn.messages('C2')).toHaveLength(answered);
  });

  it('lifts a limit with rateLimit(method, undefined) and on reset', async () => {
    const client = clientFor(BOT_TOKEN, { rejectRateLimitedCalls: true });
    const postTwice = async () => {
      for (let n = 0; n < 2; n += 1) await client.chat.postMessage({ channel: 'C3', text: 'x' });
    };
    standIn.rateLimit('chat.postMessage', { perMinute: 1, burst: 1 });
    await expect(postTwice()).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 60 });
    standIn.rateLimit('chat.postMessage', undefined);
    await expect(postTwice()).resolves.toBeUndefined();
    standIn.rateLimit('chat.postMessage', { perMinute: 1, burst: 1 });
    standIn.reset();
    await expect(postTwice()).resolves.toBeUndefined();
  });

  it('counts Retry-After in whole seconds until a call would be answered again', () => {
    const limits = new RateLimits();
    // One call every 2 s, none saved up beyond one.
    limits.set('chat.postMessage', { perMinute: 30, burst: 1 }, 0);
    expect(limits.take('chat.postMessage', 0)).toBeUndefined();
    expect(limits.take('chat.postMessage', 0)).toBe(2);
    expect(limits.take('chat.postMessage', 1_001)).toBe(1);
    expect(limits.take('chat.postMessage', 2_000)).toBeUndefined();
    expect(limits.take('conversations.open', 2_000)).toBeUndefined();
    expect(() => limits.set('chat.postMessage', { perMinute: 0, burst: 1 }, 0)).toThrow(/perMinute/);
  });
});
