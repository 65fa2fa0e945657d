import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Clock } from '../../src/domain/clock.js';
import { type RunningBot, startBot } from '../../src/main.js';
import { CapturedLogs } from './captured-logs.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { SlackDriver } from './slack-driver.js';
import { SlackStandIn, type StandInUserInput } from './slack-stand-in/index.js';
import { TcpProxy, viaProxy } from './tcp-proxy.js';

export interface TestBot {
  bot: RunningBot;
  driver: SlackDriver;
  logs: CapturedLogs;
  baseUrl: string;
  botToken: string;
  signingSecret: string;
  stop(): Promise<void>;
}

/**
 * The real bot, composed by main.ts's startBot, listening on a random port over HTTP, talking to the
 * stand-in for every Web API call and to this test file's own database.
 */
export async function startTestBot(options: {
  standIn: SlackStandIn;
  databaseUrl: string;
  env?: Record<string, string>;
  clock?: Clock;
}): Promise<TestBot> {
  const botToken = `xoxb-${Date.now()}-${randomBytes(6).toString('hex')}`;
  const signingSecret = randomBytes(16).toString('hex');
  const logs = new CapturedLogs();
  const bot = await startBot(
    {
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: options.standIn.apiUrl,
      SLACK_API_MAX_RETRIES: '0',
      DATABASE_URL: options.databaseUrl,
      PORT: '0',
      LOG_LEVEL: 'debug',
      ...options.env,
    },
    { logDestination: logs, ...(options.clock ? { clock: options.clock } : {}) },
  );
  const baseUrl = `http://127.0.0.1:${bot.port}`;
  const driver = new SlackDriver({ baseUrl, signingSecret, responseUrlBase: options.standIn.baseUrl });
  return { bot, driver, logs, baseUrl, botToken, signingSecret, stop: () => bot.stop() };
}

export interface BotFixture {
  database: TestDatabase;
  standIn: SlackStandIn;
  bot: TestBot;
}

/**
 * The usual setup of a test file that talks to the bot: a fresh database, a stand-in, the bot, all
 * stopped after the file; before each test, once the bot's listeners are idle, the stand-in forgets
 * its calls. Fields are filled in
 * beforeAll, so read them inside tests and hooks only.
 */
export function useBotFixture(options: { env?: Record<string, string>; clock?: Clock } = {}): BotFixture {
  const fixture = {} as BotFixture;
  beforeAll(async () => {
    fixture.database = await createTestDatabase();
    fixture.standIn = await SlackStandIn.start();
    fixture.bot = await startTestBot({
      standIn: fixture.standIn,
      databaseUrl: fixture.database.url,
      ...(options.env ? { env: options.env } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
  });
  afterAll(async () => {
    await fixture.bot?.stop();
    await fixture.standIn?.stop();
    await fixture.database?.drop();
  });
  // What the last test's listeners still did after their acks (a redraw, a modal) lands before the
  // stand-in forgets, not in the next test's calls.
  beforeEach(async () => {
    await fixture.bot.bot.listenersIdle(2_000);
    fixture.standIn.reset();
  });
  return fixture;
}

export interface BotBehindProxyFixture {
  database: TestDatabase;
  standIn: SlackStandIn;
  /** Between the bot and the database: cut() makes the database unreachable for the bot alone. */
  proxy: TcpProxy;
  bot: TestBot;
  /** Another bot like `bot` (same options, same database through the proxy); the caller stops it. */
  startAnother(): Promise<TestBot>;
}

/**
 * useBotFixture's setup with a TcpProxy between the bot and its database, so a test can take the
 * database away from the bot while the test's own connection stays: a fresh database, a stand-in, the
 * proxy and the bot, stopped after the file in the reverse order. Per-test hooks are the file's own.
 * Fields are filled in beforeAll, so read them inside tests and hooks only.
 */
export function useBotBehindProxy(
  options: { env?: Record<string, string>; clock?: Clock } = {},
): BotBehindProxyFixture {
  const startAnother = () =>
    startTestBot({
      standIn: fixture.standIn,
      databaseUrl: viaProxy(fixture.database.url, fixture.proxy),
      ...(options.env ? { env: options.env } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
  const fixture = { startAnother } as BotBehindProxyFixture;
  beforeAll(async () => {
    fixture.database = await createTestDatabase();
    fixture.standIn = await SlackStandIn.start();
    const target = new URL(fixture.database.url);
    fixture.proxy = await TcpProxy.start({ host: target.hostname, port: Number(target.port || 5432) });
    fixture.bot = await startAnother();
  });
  afterAll(async () => {
    await fixture.bot?.stop();
    await fixture.proxy?.stop();
    await fixture.standIn?.stop();
    await fixture.database?.drop();
  });
  return fixture;
}

/** `/coach <text>` from a user, once its reply reached the response_url: the reply's text. */
export async function coachCommand(fixture: BotFixture, userId: string, text: string): Promise<string> {
  const before = fixture.standIn.calls('response_url').length;
  await fixture.bot.driver.slashCommand({ command: '/coach', text, userId });
  const calls = await fixture.standIn.waitForCalls('response_url', before + 1, 5_000);
  return String(calls[before]?.args.text);
}

/**
 * The roster most Home and roster tests start from, set up the way an admin would, through `/coach`:
 * Ada (a Slack admin), team EMEA managed by Maya, and her reps Rita and Sam. `others` are made known
 * to the stand-in too, for the test to use as it needs.
 */
export async function setUpEmeaTeam(fixture: BotFixture, others: StandInUserInput[] = []): Promise<void> {
  for (const user of [
    { id: 'UADMIN', real_name: 'Ada Admin', is_admin: true },
    { id: 'UMGR', real_name: 'Maya Manager' },
    { id: 'UREP1', real_name: 'Rita Rep' },
    { id: 'UREP2', real_name: 'Sam Rep' },
    ...others,
  ]) {
    fixture.standIn.addUser(user);
  }
  await coachCommand(fixture, 'UADMIN', 'team EMEA create');
  await coachCommand(fixture, 'UADMIN', 'team EMEA manager <@UMGR>');
  await coachCommand(fixture, 'UMGR', 'add <@UREP1>');
  await coachCommand(fixture, 'UMGR', 'add <@UREP2>');
}

/**
 * The latest Home tab published for a user, once at least `count` were published for them since the
 * stand-in last forgot its calls. Counting per user keeps a redraw still in flight from an earlier
 * test out of the way.
 */
export async function publishedHomeView(
  fixture: BotFixture,
  userId: string,
  count = 1,
): Promise<{ blocks: Array<Record<string, unknown>> }> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const mine = fixture.standIn
      .calls('views.publish')
      .filter((call) => call.status !== 0 && call.args.user_id === userId);
    const latest = mine.length >= count ? mine.at(-1) : undefined;
    if (latest) return latest.args.view as { blocks: Array<Record<string, unknown>> };
    if (Date.now() > deadline)
      throw new Error(`waited for ${count} Home tab(s) of ${userId}, got ${mine.length}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
