import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SlackDriver, signSlackRequest, slashCommandBody } from './slack-driver.js';
import { slackReferencePath } from './slack-reference.js';

const SIGNING_SECRET = 'test-signing-secret';
const FIVE_MINUTES = 5 * 60;

interface Received {
  headers: IncomingHttpHeaders;
  rawBody: string;
}

/** A stand-in for the bot's receiver: verifies signatures the way Slack documents, answers 401 or echoes. */
function startVerifyingServer(received: Received[]): Promise<Server> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    received.push({ headers: req.headers, rawBody });
    const verified = isSignedBySlack(req.headers, rawBody);
    res.writeHead(verified ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ verified }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function isSignedBySlack(headers: IncomingHttpHeaders, rawBody: string): boolean {
  const timestamp = Number(headers['x-slack-request-timestamp']);
  const signature = headers['x-slack-signature'];
  if (!Number.isFinite(timestamp) || typeof signature !== 'string') return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > FIVE_MINUTES) return false;
  const expected = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
  return (
    expected.length === signature.length && timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
  );
}

function payloadOf(rawBody: string): Record<string, unknown> {
  return JSON.parse(new URLSearchParams(rawBody).get('payload') ?? '{}');
}

let server: Server;
let driver: SlackDriver;
const received: Received[] = [];

beforeAll(async () => {
  server = await startVerifyingServer(received);
  const { port } = server.address() as AddressInfo;
  driver = new SlackDriver({ baseUrl: `http://127.0.0.1:${port}`, signingSecret: SIGNING_SECRET });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received.length = 0;
});

describe('signSlackRequest', () => {
  it('reproduces the documented signature test vector', () => {
    const vectorFile = slackReferencePath('payloads', 'signing-test-vector.json');
    const { payload } = JSON.parse(readFileSync(vectorFile, 'utf8'));
    const timestamp = Number(payload.headers['X-Slack-Request-Timestamp']);
    expect(signSlackRequest(payload.signing_secret, timestamp, payload.raw_body)).toBe(
      payload.expected_signature,
    );
  });
});

describe('SlackDriver signing', () => {
  it('sends requests a verifier accepts', async () => {
    const response = await driver.slashCommand({ command: '/coach', userId: 'U100' });
    expect(response).toMatchObject({ status: 200, json: { verified: true } });
    expect(response.elapsedMs).toBeGreaterThan(0);
    expect(received[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it.each([
    ['forged signature', { signature: 'forged' as const }],
    ['missing signature', { signature: 'missing' as const }],
    ['body changed after signing', { tamperBodyAfterSigning: true }],
    ['missing timestamp', { omitTimestamp: true }],
    ['stale timestamp', { timestampSeconds: Math.floor(Date.now() / 1000) - FIVE_MINUTES - 60 }],
  ])('sends requests a verifier rejects: %s', async (_name, options) => {
    const response = await driver.slashCommand({ command: '/coach', userId: 'U100' }, options);
    expect(response.status).toBe(401);
  });

  it('tampers JSON bodies without breaking them', async () => {
    const response = await driver.event(
      { type: 'app_mention', text: 'hi' },
      {},
      { tamperBodyAfterSigning: true },
    );
    expect(response.status).toBe(401);
    expect(JSON.parse(received[0]!.rawBody)).toMatchObject({ tampered: true, type: 'event_callback' });
  });

  it('signs with the injected clock', async () => {
    const past = new SlackDriver({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      signingSecret: SIGNING_SECRET,
      now: () => Date.now() - 10 * 60 * 1000,
    });
    expect((await past.slashCommand({ command: '/coach', userId: 'U1' })).status).toBe(401);
  });
});

describe('SlackDriver payloads', () => {
  it('sends a slash command that parses back to its fields', async () => {
    await driver.slashCommand({
      command: '/coach',
      text: 'review 2024-05',
      userId: 'U100',
      channelId: 'D123',
    });
    const fields = Object.fromEntries(new URLSearchParams(received[0]!.rawBody));
    expect(fields).toMatchObject({
      command: '/coach',
      text: 'review 2024-05',
      user_id: 'U100',
      channel_id: 'D123',
      channel_name: 'directmessage',
      team_id: 'T0001',
      api_app_id: 'A0001',
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]{32}$/),
      response_url: expect.stringMatching(/^https:\/\/hooks\.slack\.com\/commands\/T0001\//),
    });
  });

  it('builds slash bodies with the same fields as the sample payload', () => {
    const sample = readFileSync(slackReferencePath('payloads', 'slash-command.body.txt'), 'utf8');
    const sampleKeys = [...new URLSearchParams(sample.trim()).keys()].filter(
      (key) => !key.startsWith('enterprise'),
    );
    const ours = [...new URLSearchParams(slashCommandBody({ command: '/x', userId: 'U1' })).keys()];
    expect(ours).toEqual(expect.arrayContaining(sampleKeys));
  });

  it('gives every request its own trigger id', () => {
    const triggers = Array.from({ length: 50 }, () =>
      new URLSearchParams(slashCommandBody({ command: '/x', userId: 'U1' })).get('trigger_id'),
    );
    expect(new Set(triggers).size).toBe(50);
  });

  it('sends a message block action as payload=<json>', async () => {
    await driver.blockAction({
      userId: 'U100',
      actionId: 'tip_done',
      value: 'tip-42',
      channelId: 'DU100',
      messageTs: '1700000000.000100',
    });
    expect(payloadOf(received[0]!.rawBody)).toMatchObject({
      type: 'block_actions',
      user: { id: 'U100' },
      team: { id: 'T0001' },
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'DU100' },
      channel: { id: 'DU100' },
      message: { ts: '1700000000.000100' },
      response_url: expect.stringContaining('/actions/T0001/'),
      actions: [{ action_id: 'tip_done', value: 'tip-42', type: 'button', action_ts: expect.any(String) }],
    });
  });

  it('sends a Home tab block action without a response_url', async () => {
    await driver.blockAction({
      userId: 'U100',
      actionId: 'open_review',
      view: { id: 'VHOME1', type: 'home' },
    });
    const payload = payloadOf(received[0]!.rawBody);
    expect(payload).toMatchObject({
      container: { type: 'view', view_id: 'VHOME1' },
      view: { id: 'VHOME1', type: 'home' },
    });
    expect(payload).not.toHaveProperty('response_url');
  });

  it('sends a view submission with its state values and private metadata', async () => {
    const values = { score: { score_input: { type: 'plain_text_input', value: '8' } } };
    await driver.viewSubmission({
      userId: 'U100',
      callbackId: 'deal_review',
      values,
      privateMetadata: '{"deal":1}',
    });
    expect(payloadOf(received[0]!.rawBody)).toMatchObject({
      type: 'view_submission',
      user: { id: 'U100' },
      view: { type: 'modal', callback_id: 'deal_review', private_metadata: '{"deal":1}', state: { values } },
      response_urls: [],
    });
  });

  it('sends view_closed', async () => {
    await driver.viewClosed({ userId: 'U100', callbackId: 'deal_review' });
    expect(payloadOf(received[0]!.rawBody)).toMatchObject({
      type: 'view_closed',
      view: { callback_id: 'deal_review' },
      is_cleared: false,
    });
  });

  it('wraps events in an event_callback envelope and marks retries', async () => {
    await driver.event(
      {
        type: 'message',
        channel_type: 'im',
        channel: 'DU100',
        user: 'U100',
        text: 'hi',
        ts: '1700000000.000200',
      },
      { eventId: 'Ev123', retryNum: 2, retryReason: 'http_timeout' },
    );
    const [request] = received;
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['x-slack-retry-num']).toBe('2');
    expect(request?.headers['x-slack-retry-reason']).toBe('http_timeout');
    expect(JSON.parse(request!.rawBody)).toMatchObject({
      type: 'event_callback',
      team_id: 'T0001',
      api_app_id: 'A0001',
      event_id: 'Ev123',
      event_time: expect.any(Number),
      authorizations: [{ team_id: 'T0001', is_bot: true }],
      event: { type: 'message', ts: '1700000000.000200', event_ts: '1700000000.000200' },
    });
  });

  it('sends no retry headers on a first delivery', async () => {
    await driver.event({ type: 'app_home_opened', user: 'U100', tab: 'home' });
    expect(received[0]?.headers).not.toHaveProperty('x-slack-retry-num');
  });

  it('sends url_verification', async () => {
    const response = await driver.urlVerification('challenge-me');
    expect(response.status).toBe(200);
    expect(JSON.parse(received[0]!.rawBody)).toMatchObject({
      type: 'url_verification',
      challenge: 'challenge-me',
    });
  });
});
