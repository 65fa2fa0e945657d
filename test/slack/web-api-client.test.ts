import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { webClientOptions } from '../../src/slack/app.js';
import { SlackStandIn } from '../support/slack-stand-in/index.js';

describe('the Web API client the bot configures', () => {
  let standIn: SlackStandIn;
  const logger = createLogger({ level: 'silent', secrets: [] });

  beforeAll(async () => {
    standIn = await SlackStandIn.start();
  });
  afterAll(async () => {
    await standIn?.stop();
  });
  beforeEach(() => standIn.reset());

  const client = (maxRetries: number, timeoutMs = 2_000) =>
    new WebClient(
      'xoxb-client-test',
      webClientOptions({ url: standIn.apiUrl, timeoutMs, maxRetries }, logger),
    );

  it('retries a server error a bounded number of times, then gives up', async () => {
    standIn.fail(
      'chat.postMessage',
      { kind: 'server_error', status: 502 },
      { times: Number.POSITIVE_INFINITY },
    );
    await expect(client(2).chat.postMessage({ channel: 'U0REP', text: 'hi' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
    });
    expect(standIn.calls('chat.postMessage')).toHaveLength(3);
  }, 15_000);

  it('succeeds when a retry gets through', async () => {
    standIn.fail('chat.postMessage', { kind: 'server_error', status: 503 });
    const result = await client(2).chat.postMessage({ channel: 'U0REP', text: 'hi' });
    expect(result.ok).toBe(true);
    expect(standIn.calls('chat.postMessage').map((call) => call.status)).toEqual([503, 200]);
  });

  it('abandons a call that takes longer than the timeout', async () => {
    standIn.respond('chat.postMessage', async () => {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      return { channel: 'D0REP', ts: '1.1' };
    });
    const started = Date.now();
    await expect(client(0, 300).chat.postMessage({ channel: 'U0REP', text: 'hi' })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('keeps a method name that is an absolute URL on SLACK_API_URL instead of following it', async () => {
    const absolute = 'https://example.com/api/chat.postMessage';
    await expect(client(0).apiCall(absolute, { channel: 'x', text: 'y' })).rejects.toMatchObject({
      data: { error: 'unknown_method' },
    });
    expect(standIn.calls().map((call) => call.method)).toEqual([absolute]);
  });
});
