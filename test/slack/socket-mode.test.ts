import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningBot, startBot } from '../../src/main.js';
import { CapturedLogs } from '../support/captured-logs.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { eventEnvelopeBody, slashCommandBody } from '../support/slack-driver.js';
import { SlackStandIn } from '../support/slack-stand-in/index.js';
import { SocketModeServer } from '../support/socket-mode-server.js';

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('Socket Mode (SLACK_APP_TOKEN set)', () => {
  let database: TestDatabase;
  let standIn: SlackStandIn;
  let socketServer: SocketModeServer;
  let bot: RunningBot;
  let port: number;
  const logs = new CapturedLogs();

  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await SlackStandIn.start();
    socketServer = await SocketModeServer.start();
    standIn.respond('apps.connections.open', () => ({ url: socketServer.url }));
    port = await freePort();
    bot = await startBot(
      {
        SLACK_BOT_TOKEN: 'xoxb-socket-mode-bot',
        SLACK_APP_TOKEN: 'xapp-1-A0001-1-socketmodetoken',
        SLACK_API_URL: standIn.apiUrl,
        SLACK_API_MAX_RETRIES: '0',
        DATABASE_URL: database.url,
        PORT: String(port),
        LOG_LEVEL: 'debug',
      },
      { logDestination: logs },
    );
  });
  afterAll(async () => {
    await bot?.stop();
    await socketServer?.stop();
    await standIn?.stop();
    await database?.drop();
  });

  it('opens the connection through SLACK_API_URL with the app token', () => {
    const [open] = standIn.calls('apps.connections.open');
    expect(open?.token).toBe('xapp-1-A0001-1-socketmodetoken');
    expect(socketServer.connected).toBe(true);
  });

  it('answers /coach help in the envelope ack', async () => {
    const payload = Object.fromEntries(
      new URLSearchParams(slashCommandBody({ command: '/coach', text: 'help', userId: 'U0REP' })),
    );
    const ack = await socketServer.deliver({
      envelope_id: 'env-slash-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload,
    });
    expect(ack.payload).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('/coach help'),
    });
  });

  it('handles an event redelivered with retry_attempt once', async () => {
    const body = JSON.parse(
      eventEnvelopeBody(
        { type: 'message', channel_type: 'im', channel: 'D0REP', user: 'U0REP', text: 'hi', ts: '1.000200' },
        { eventId: 'Ev0SOCKET' },
      ),
    );
    for (const [attempt, envelopeId] of ['env-ev-1', 'env-ev-2'].entries()) {
      await socketServer.deliver({
        envelope_id: envelopeId,
        type: 'events_api',
        accepts_response_payload: false,
        retry_attempt: attempt,
        retry_reason: attempt === 0 ? '' : 'timeout',
        payload: body,
      });
    }
    await standIn.waitForCalls('chat.postMessage', 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(standIn.calls('chat.postMessage')).toHaveLength(1);
  });

  it('serves the health routes on PORT', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
  });

  it('never logs the app token', () => {
    expect(logs.text).not.toContain('socketmodetoken');
  });
});
