import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { postThreadPart } from '../../src/slack/notifier.js';
import { webClientOptions } from '../../src/slack/web-client-options.js';
import { SlackStandIn } from '../support/slack-stand-in/index.js';

// The parts of a long digest go into the thread of a message already counted as sent: the outbox row
// is never retried for them, so a part must get its own tries, and only when Slack says it was not posted.
describe('a thread part of a long message', () => {
  let standIn: SlackStandIn;
  const logger = createLogger({ level: 'silent', secrets: [] });
  const part = { text: 'Reps 21–40', blocks: [] };

  beforeAll(async () => {
    standIn = await SlackStandIn.start();
  });
  afterAll(async () => {
    await standIn?.stop();
  });
  beforeEach(() => standIn.reset());

  /** Configured as the delivery worker's client: no retries and no waiting inside the library. */
  const deliveryClient = () =>
    new WebClient(
      'xoxb-thread-test',
      webClientOptions({ url: standIn.apiUrl, timeoutMs: 2_000, maxRetries: 0 }, logger, 'paced'),
    );

  async function thread() {
    const top = await deliveryClient().chat.postMessage({ channel: 'U0MGR', text: 'Digest' });
    return { channelId: top.channel as string, ts: top.ts as string };
  }

  it('waits out a 429 and posts the part once', async () => {
    const top = await thread();
    standIn.fail('chat.postMessage', { kind: 'rate_limited', retryAfterSeconds: 1 });
    expect(await postThreadPart(deliveryClient(), top, part)).toBeUndefined();
    const calls = standIn.calls('chat.postMessage').slice(1);
    expect(calls.map((call) => call.status)).toEqual([429, 200]);
    expect(calls[1]?.args).toMatchObject({ channel: top.channelId, thread_ts: top.ts, text: 'Reps 21–40' });
  });

  it('tries again after a transient platform error, three tries at most', async () => {
    const top = await thread();
    standIn.fail('chat.postMessage', { kind: 'error', error: 'internal_error' }, { times: Infinity });
    expect(await postThreadPart(deliveryClient(), top, part)).toBe('internal_error');
    expect(standIn.calls('chat.postMessage').slice(1)).toHaveLength(3);
  });

  it('does not post again after a 5xx, which may have reached Slack', async () => {
    const top = await thread();
    standIn.fail('chat.postMessage', { kind: 'server_error', status: 502, afterHandling: true });
    expect(await postThreadPart(deliveryClient(), top, part)).toBe('HTTP 502 from Slack');
    expect(standIn.calls('chat.postMessage').slice(1)).toHaveLength(1);
  });

  it('gives up at once on a permanent error', async () => {
    const top = await thread();
    standIn.fail('chat.postMessage', { kind: 'error', error: 'channel_not_found' });
    expect(await postThreadPart(deliveryClient(), top, part)).toBe('channel_not_found');
    expect(standIn.calls('chat.postMessage').slice(1)).toHaveLength(1);
  });
});
