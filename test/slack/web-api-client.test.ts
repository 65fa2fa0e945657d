import { Writable } from 'node:stream';
import { WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { WebApiThread } from '../../src/slack/web-api-thread/thread.js';
import { webClientOptions } from '../../src/slack/web-client-options.js';
import { SlackStandIn } from '../support/slack-stand-in/index.js';

const TOKEN = 'xoxb-client-test-0123456789';

// The bot makes its Web API calls on a worker thread (src/slack/web-api-thread): these tests go
// through it, so what they show is what the listeners, the delivery worker and the standings get.
describe('the Web API client the bot uses', () => {
  let standIn: SlackStandIn;
  let thread: WebApiThread | undefined;
  let lines: string[];

  beforeAll(async () => {
    standIn = await SlackStandIn.start();
  });
  afterAll(async () => {
    await standIn?.stop();
  });
  beforeEach(() => {
    standIn.reset();
    lines = [];
  });
  afterEach(async () => {
    await thread?.close(1_000);
    thread = undefined;
  });

  function start(settings: { maxRetries?: number; timeoutMs?: number; logLevel?: 'warn' | 'info' } = {}) {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logLevel = settings.logLevel ?? 'warn';
    thread = new WebApiThread({
      slackApi: {
        url: standIn.apiUrl,
        timeoutMs: settings.timeoutMs ?? 2_000,
        maxRetries: settings.maxRetries ?? 0,
      },
      logger: createLogger({ level: logLevel, secrets: [], destination }),
    });
    return thread;
  }

  it('retries a server error a bounded number of times, then gives up', async () => {
    standIn.fail(
      'chat.postMessage',
      { kind: 'server_error', status: 502 },
      { times: Number.POSITIVE_INFINITY },
    );
    const client = start({ maxRetries: 2 }).client(TOKEN);
    await expect(client.chat.postMessage({ channel: 'U0REP', text: 'hi' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 502,
    });
    expect(standIn.calls('chat.postMessage')).toHaveLength(3);
  }, 15_000);

  it('succeeds when a retry gets through, and hands back Slack’s answer', async () => {
    standIn.fail('chat.postMessage', { kind: 'server_error', status: 503 });
    const result = await start({ maxRetries: 2 })
      .client(TOKEN)
      .chat.postMessage({ channel: 'U0REP', text: 'hi' });
    expect(result).toMatchObject({ ok: true, channel: expect.stringMatching(/^D/), ts: expect.any(String) });
    expect(standIn.calls('chat.postMessage').map((call) => call.status)).toEqual([503, 200]);
    expect(standIn.calls('chat.postMessage')[1]?.args).toMatchObject({ channel: 'U0REP', text: 'hi' });
  });

  it('abandons a call that takes longer than the timeout', async () => {
    standIn.delayAnswers('chat.postMessage', 3_000);
    const client = start({ timeoutMs: 300 }).client(TOKEN);
    const started = Date.now();
    await expect(client.chat.postMessage({ channel: 'U0REP', text: 'hi' })).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps a method name that is an absolute URL on SLACK_API_URL instead of following it', async () => {
    const absolute = 'https://example.com/api/chat.postMessage';
    await expect(start().client(TOKEN).apiCall(absolute, { channel: 'x', text: 'y' })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    expect(standIn.calls().map((call) => call.method)).toEqual([absolute]);
  });

  it('gives a platform error its name, code and data', async () => {
    standIn.fail('views.open', { kind: 'error', error: 'expired_trigger_id' });
    const error = await start()
      .client(TOKEN)
      .views.open({
        trigger_id: '1.2.3',
        view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'WebAPIPlatformError',
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'expired_trigger_id' },
      message: 'An API error occurred: expired_trigger_id',
    });
  });

  it('waits out a Retry-After on the thread', async () => {
    const running = start({ maxRetries: 1 });
    standIn.fail('chat.update', { kind: 'rate_limited', retryAfterSeconds: 1 });
    const started = Date.now();
    const updated = await running
      .client(TOKEN)
      .chat.update({ channel: 'D0REP', ts: '1.1', text: 'x' })
      .catch((e) => e);
    expect(updated).toMatchObject({ data: { error: 'message_not_found' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(standIn.calls('chat.update')).toHaveLength(2);
  }, 10_000);

  it("rejects a 429 at once with its Retry-After on the delivery worker's paced client", async () => {
    const slackApi = { url: standIn.apiUrl, timeoutMs: 2_000, maxRetries: 2 };
    const paced = new WebClient(
      TOKEN,
      webClientOptions(slackApi, createLogger({ level: 'silent', secrets: [] }), 'paced'),
    );
    standIn.fail('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 7 });
    await expect(paced.chat.postMessage({ channel: 'U0REP', text: 'hi' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
    expect(standIn.calls('chat.postMessage')).toHaveLength(1);
  });

  it('runs calls side by side and counts those in flight', async () => {
    const running = start();
    standIn.delayAnswers('users.info', 500);
    const client = running.client(TOKEN);
    const calls = ['U1', 'U2', 'U3'].map((user) => client.users.info({ user }).catch((error) => error));
    expect(running.inFlight).toBe(3);
    const started = Date.now();
    await Promise.all(calls);
    // One after another they would take at least 1.5 s.
    expect(Date.now() - started).toBeLessThan(1_400);
    expect(running.inFlight).toBe(0);
  });

  it('on close, lets calls in flight finish, then refuses new ones', async () => {
    const running = start();
    standIn.delayAnswers('auth.test', 200);
    const answer = running.client(TOKEN).auth.test();
    await running.close(2_000);
    await expect(answer).resolves.toMatchObject({ ok: true });
    await expect(running.client(TOKEN).auth.test()).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
      message: expect.stringContaining('closed'),
    });
  });

  it('fails the calls in flight as request errors when it cannot wait longer', async () => {
    const running = start();
    standIn.delayAnswers('auth.test', 5_000);
    const answer = running
      .client(TOKEN)
      .auth.test()
      .catch((error) => error);
    await running.close(100);
    expect(await answer).toMatchObject({ code: 'slack_webapi_request_error' });
    expect(lines.join('')).toContain('stopped with Web API calls in flight');
  });

  it("writes the client's log lines through the bot's logger, tokens scrubbed", async () => {
    standIn.respond('chat.postMessage', () => ({
      channel: 'D0REP',
      ts: '1.2',
      response_metadata: { warnings: [`superfluous_charset for ${TOKEN}`] },
    }));
    await start().client(TOKEN).chat.postMessage({ channel: 'U0REP', text: 'hi' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const warning = lines
      .map((line) => JSON.parse(line))
      .find((line) => line.msg?.includes('superfluous_charset'));
    expect(warning).toMatchObject({ level: 'warn', component: 'slack-web-api' });
    expect(warning.msg).not.toContain(TOKEN);
    expect(warning.msg).toContain('xoxb-[REDACTED]');
  });
});
