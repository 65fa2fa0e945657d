import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../support/bot.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { SlackStandIn } from '../support/slack-stand-in/index.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Records the host of every TCP connection this process opens (fetch, http, pg all end up in
 * Socket#connect), so the test can prove the bot never tries the internet.
 */
function recordConnections(): { hosts: string[]; restore(): void } {
  const hosts: string[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const [first, second] = args;
    const host =
      typeof first === 'object' && first !== null
        ? ((first as { host?: string; path?: string }).host ??
          (first as { path?: string }).path ??
          'localhost')
        : typeof second === 'string'
          ? second
          : 'localhost';
    hosts.push(host);
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof original;
  return { hosts, restore: () => (net.Socket.prototype.connect = original) };
}

describe('what leaves the bot', () => {
  let database: TestDatabase;
  let standIn: SlackStandIn;
  let bot: TestBot;
  let connections: ReturnType<typeof recordConnections>;

  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await SlackStandIn.start();
    connections = recordConnections();
    bot = await startTestBot({ standIn, databaseUrl: database.url, env: { LOG_LEVEL: 'debug' } });

    // A session that touches every Web API path the bot has, including failures whose error text
    // carries the token back (as a misbehaving proxy or a verbose error page could).
    standIn.respond('views.publish', (_args, call) => ({
      ok: false,
      error: 'invalid_auth',
      detail: `token ${call.token} rejected, Authorization: Bearer ${call.token}`,
    }));
    standIn.fail('views.open', { kind: 'rate_limited', retryAfterSeconds: 1 });
    await bot.driver.slashCommand({ command: '/coach', text: 'help', userId: 'U0REP' });
    await bot.driver.blockAction({ userId: 'U0REP', actionId: 'tour_open' });
    await bot.driver.event({ type: 'app_home_opened', user: 'U0REP', channel: 'D0REP', tab: 'home' });
    await bot.driver.event({
      type: 'message',
      channel_type: 'im',
      channel: 'D0REP',
      user: 'U0REP',
      text: 'hi',
      ts: '1.000001',
    });
    await bot.driver.slashCommand(
      { command: '/coach', text: 'help', userId: 'U0REP' },
      { signature: 'forged' },
    );
    // Generous: on a busy machine the Home's users.info and views.publish (on the niced Web API
    // thread) took over the default 2 s once; this waits for the calls, it times nothing.
    await standIn.waitForCalls('views.publish', 1, 15_000);
    await standIn.waitForCalls('chat.postMessage', 1, 15_000);
    await standIn.waitForCalls('views.open', 1, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
  afterAll(async () => {
    connections?.restore();
    await bot?.stop();
    await standIn?.stop();
    await database?.drop();
  });

  it('sends every Web API call to SLACK_API_URL, which the stand-in receives', () => {
    expect(standIn.calls().map((call) => call.method)).toEqual(
      expect.arrayContaining(['auth.test', 'views.open', 'views.publish', 'chat.postMessage']),
    );
    expect(connections.hosts.length).toBeGreaterThan(0);
    expect(connections.hosts.filter((host) => !LOOPBACK.has(host))).toEqual([]);
  });

  it('logs the failures, and no token or secret anywhere in the log', () => {
    const failures = bot.logs.entries().filter((entry) => entry.level === 'error');
    expect(failures.length).toBeGreaterThan(0);
    expect(bot.logs.text).toContain('invalid_auth');
    expect(bot.logs.text).not.toContain(bot.botToken);
    expect(bot.logs.text).not.toContain(bot.botToken.slice(5));
    expect(bot.logs.text).not.toContain(bot.signingSecret);
    expect(bot.logs.text).not.toMatch(/xox[abposer]-[A-Za-z0-9]/);
  });
});
