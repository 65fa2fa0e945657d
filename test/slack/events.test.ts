import { describe, expect, it } from 'vitest';
import { findWorkspace } from '../../src/db/queries/workspaces.js';
import { useBotFixture } from '../support/bot.js';

const settle = (ms = 200) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Events API', () => {
  const fixture = useBotFixture();

  const dm = (ts: string, extra: Record<string, unknown> = {}) => ({
    type: 'message',
    channel_type: 'im',
    channel: 'D0REP',
    user: 'U0REP',
    text: 'hello coach',
    ts,
    ...extra,
  });

  it('registered the workspace from auth.test at start', async () => {
    expect(await findWorkspace(fixture.database.db, 'T0001')).toMatchObject({ name: 'Stand-in Workspace' });
  });

  it('handles an event once when Slack redelivers it with x-slack-retry-num', async () => {
    const first = await fixture.bot.driver.event(dm('1700000000.000100'), { eventId: 'Ev0DUP1' });
    expect(first.status).toBe(200);
    await fixture.standIn.waitForCalls('chat.postMessage', 1);
    const retry = await fixture.bot.driver.event(dm('1700000000.000100'), {
      eventId: 'Ev0DUP1',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    expect(retry.status).toBe(200);
    const secondRetry = await fixture.bot.driver.event(dm('1700000000.000100'), {
      eventId: 'Ev0DUP1',
      retryNum: 2,
    });
    expect(secondRetry.status).toBe(200);
    await settle();
    expect(fixture.standIn.calls('chat.postMessage')).toHaveLength(1);
    expect(fixture.standIn.calls('chat.postMessage')[0]?.args).toMatchObject({
      channel: 'D0REP',
      thread_ts: '1700000000.000100',
      text: expect.stringContaining('/coach help'),
    });
  });

  it('handles two different events with the same content twice (the key is the event id)', async () => {
    await fixture.bot.driver.event(dm('1700000001.000100'), { eventId: 'Ev0A' });
    await fixture.bot.driver.event(dm('1700000001.000100'), { eventId: 'Ev0B' });
    await fixture.standIn.waitForCalls('chat.postMessage', 2);
  });

  // Slack does not redeliver an event because its handling failed: the bot's 200 went out before the
  // listener ran. It redelivers one whose 200 it did not see within 3 seconds; when that first delivery
  // then failed, the redelivery must not be skipped as a duplicate.
  it('releases the claim of an event that failed, so a redelivery after a late ack is handled', async () => {
    fixture.standIn.fail('chat.postMessage', { kind: 'server_error', status: 503 });
    await fixture.bot.driver.event(dm('1700000002.000100'), { eventId: 'Ev0FAIL' });
    await fixture.standIn.waitForCalls('chat.postMessage', 1);
    await settle();
    // A failed Slack call is not repeated by the event's own retries (only database work is).
    expect(fixture.standIn.calls('chat.postMessage')).toHaveLength(1);
    await fixture.bot.driver.event(dm('1700000002.000100'), {
      eventId: 'Ev0FAIL',
      retryNum: 1,
      retryReason: 'http_timeout',
    });
    const calls = await fixture.standIn.waitForCalls('chat.postMessage', 2);
    expect(calls.map((call) => call.status)).toEqual([503, 200]);
  });

  it.each([
    ['a thread reply', { thread_ts: '1699999999.000100' }],
    ['a bot message', { bot_id: 'B0OTHER' }],
    ['an edit', { subtype: 'message_changed' }],
    ['a channel message', { channel_type: 'channel', channel: 'C0SALES' }],
  ])('does not answer %s', async (_case, extra) => {
    await fixture.bot.driver.event(dm('1700000003.000100', extra));
    await settle();
    expect(fixture.standIn.calls('chat.postMessage')).toEqual([]);
  });

  it('publishes the App Home when a person opens the Home tab, not the Messages tab', async () => {
    await fixture.bot.driver.event({
      type: 'app_home_opened',
      user: 'U0REP',
      channel: 'D0REP',
      tab: 'messages',
    });
    await fixture.bot.driver.event({ type: 'app_home_opened', user: 'U0REP', channel: 'D0REP', tab: 'home' });
    const [publish] = await fixture.standIn.waitForCalls('views.publish', 1);
    await settle();
    expect(fixture.standIn.calls('views.publish')).toHaveLength(1);
    expect(publish?.args).toMatchObject({ user_id: 'U0REP', view: { type: 'home' } });
  });

  it('forgets the workspace credentials when the app is uninstalled', async () => {
    await fixture.bot.driver.event({ type: 'app_uninstalled' }, { eventId: 'Ev0UNINSTALL' });
    await expect
      .poll(async () => (await findWorkspace(fixture.database.db, 'T0001'))?.uninstalled_at)
      .toBeInstanceOf(Date);
  });

  it('treats a revoked bot token as an uninstall and ignores revoked user tokens', async () => {
    await fixture.database.db.updateTable('workspaces').set({ uninstalled_at: null }).execute();
    await fixture.bot.driver.event({ type: 'tokens_revoked', tokens: { oauth: ['U0REP'] } });
    await settle();
    expect((await findWorkspace(fixture.database.db, 'T0001'))?.uninstalled_at).toBeNull();
    await fixture.bot.driver.event({ type: 'tokens_revoked', tokens: { bot: ['UBOT000001'] } });
    await expect
      .poll(async () => (await findWorkspace(fixture.database.db, 'T0001'))?.uninstalled_at)
      .toBeInstanceOf(Date);
  });
});
