import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BotProcess, postgresProcessesUsing, spawnBot } from './support/bot-process.js';
import { SlackDriver } from './support/slack-driver.js';
import { SlackStandIn } from './support/slack-stand-in/index.js';

/**
 * The bot as an operating-system process on the embedded database (DATABASE_URL is never passed on):
 * start, guide, shutdown on signals, crash recovery. These are the slow tests; each starts Postgres.
 */
describe('the bot process', () => {
  const dataDirs: string[] = [];
  const running: BotProcess[] = [];
  let standIn: SlackStandIn;
  const signingSecret = '5f1e0c2a9b8d7e6f5a4b3c2d1e0f9a8b';

  beforeAll(async () => {
    standIn = await SlackStandIn.start();
  });
  afterEach(() => {
    for (const bot of running.splice(0)) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
  });
  afterAll(async () => {
    await standIn?.stop();
    for (const dir of dataDirs) {
      for (const pid of postgresProcessesUsing(dir)) process.kill(pid, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  async function freshDataDir(): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'coach-proc-'));
    dataDirs.push(dir);
    return dir;
  }

  function start(env: Record<string, string>, via?: 'node' | 'npm'): BotProcess {
    const bot = spawnBot({ PORT: '0', ...env }, { via });
    running.push(bot);
    return bot;
  }

  function slackEnv(dataDir: string): Record<string, string> {
    return {
      DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: 'xoxb-process-test-token',
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: standIn.apiUrl,
    };
  }

  const startedPort = async (bot: BotProcess) =>
    (await bot.waitForLog((entry) => entry.msg === 'bot started')).port as number;

  it('npm start with an empty environment starts the embedded database and prints a guide, not a stack trace', async () => {
    const dataDir = await freshDataDir();
    const bot = start({ DATA_DIR: dataDir }, 'npm');
    await bot.waitForStderr('Stop with Ctrl-C.', 40_000);
    const port = await startedPort(bot);
    const guide = bot.stderr.join('');
    expect(guide).toContain('not connected to Slack yet');
    expect(guide).toContain('SLACK_BOT_TOKEN');
    expect(guide).toContain('SLACK_SIGNING_SECRET');
    expect(guide).toContain('manifest.yml');
    // Over HTTP, Slack's first check of the events URL came before the bot could answer it.
    expect(guide).toContain('Event Subscriptions');
    expect(guide).toContain(`embedded PostgreSQL in ${dataDir}`);
    expect(guide).not.toMatch(/\n\s+at /);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('manifest.yml');
    expect(postgresProcessesUsing(dataDir).length).toBeGreaterThan(0);

    // Ctrl-C reaches the whole process group. npm re-raises the signal on itself once its child is
    // done, so npm's own status is SIGINT; the bot's clean stop shows in its log.
    process.kill(-(bot.child.pid as number), 'SIGINT');
    expect((await bot.waitForExit()).code).toBe('SIGINT');
    expect(bot.stdout.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
    expect(postgresProcessesUsing(dataDir)).toEqual([]);
  }, 60_000);

  it('stops on SIGTERM during traffic: exit 0 within 10 s, requests answered, no Postgres left behind', async () => {
    const dataDir = await freshDataDir();
    const bot = start(slackEnv(dataDir));
    const port = await startedPort(bot);
    const driver = new SlackDriver({ baseUrl: `http://127.0.0.1:${port}`, signingSecret });

    const statuses: number[] = [];
    let sending = true;
    const client = async (n: number) => {
      for (let i = 0; sending; i++) {
        const request =
          i % 3 === 0
            ? driver.slashCommand({ command: '/coach', text: 'help', userId: `U${n}` })
            : i % 3 === 1
              ? driver.blockAction({ userId: `U${n}`, actionId: 'tour_open' })
              : driver.event({
                  type: 'message',
                  channel_type: 'im',
                  channel: `D${n}`,
                  user: `U${n}`,
                  text: 'hi',
                  ts: `${n}.${i}`,
                });
        await request.then(
          (response) => statuses.push(response.status),
          () => undefined, // refused once the server has closed: expected during shutdown
        );
      }
    };
    const clients = Promise.all([1, 2, 3, 4, 5, 6].map(client));
    await new Promise((resolve) => setTimeout(resolve, 700));

    bot.child.kill('SIGTERM');
    const exit = await bot.waitForExit(12_000);
    sending = false;
    await clients;

    expect(exit.code).toBe(0);
    expect(exit.waitedMs).toBeLessThan(10_000);
    expect(statuses.length).toBeGreaterThan(20);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(postgresProcessesUsing(dataDir)).toEqual([]);
    expect(bot.stdout.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
  }, 60_000);

  it('recovers from a SIGKILLed run: the orphaned Postgres is stopped and the data kept', async () => {
    const dataDir = await freshDataDir();
    const first = start(slackEnv(dataDir));
    await startedPort(first);
    first.child.kill('SIGKILL');
    await first.waitForExit();
    const orphans = postgresProcessesUsing(dataDir);
    expect(orphans.length).toBeGreaterThan(0);

    const second = start(slackEnv(dataDir));
    await second.waitForLog((entry) => String(entry.msg).includes('orphaned embedded PostgreSQL'));
    const started = await second.waitForLog(
      (entry) =>
        entry.msg === 'embedded PostgreSQL is running (set DATABASE_URL to use your own server instead)',
    );
    expect(started.initialised).toBe(false);
    await startedPort(second);
    second.child.kill('SIGTERM');
    expect((await second.waitForExit()).code).toBe(0);
    expect(postgresProcessesUsing(dataDir)).toEqual([]);
  }, 60_000);

  it('starts despite a postmaster.pid whose pid now belongs to another process', async () => {
    const dataDir = await freshDataDir();
    const first = start(slackEnv(dataDir));
    await startedPort(first);
    first.child.kill('SIGTERM');
    await first.waitForExit();
    // As after a container restart: the old pid is reused by an unrelated live process (this test).
    await writeFile(
      path.join(dataDir, 'postgres', 'postmaster.pid'),
      `${process.pid}\n${dataDir}/postgres\n`,
    );

    const second = start(slackEnv(dataDir));
    await second.waitForLog((entry) => String(entry.msg).includes('stale postmaster.pid'));
    await startedPort(second);
    second.child.kill('SIGTERM');
    expect((await second.waitForExit()).code).toBe(0);
  }, 60_000);

  it('refuses to start on a malformed variable, naming it, without a stack trace or a database', async () => {
    const dataDir = await freshDataDir();
    const bot = start({
      DATA_DIR: dataDir,
      SLACK_BOT_TOKEN: 'xoxp-a-user-token',
      SLACK_SIGNING_SECRET: signingSecret,
    });
    const exit = await bot.waitForExit();
    expect(exit.code).toBe(1);
    const stderr = bot.stderr.join('');
    expect(stderr).toContain('SLACK_BOT_TOKEN must start with "xoxb-"');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('xoxp-a-user-token');
    expect(postgresProcessesUsing(dataDir)).toEqual([]);
  });

  it('refuses to start when Slack rejects the bot token, and stops the database it started', async () => {
    const rejecting = await SlackStandIn.start({ validTokens: ['xoxb-the-only-valid-one'] });
    try {
      const dataDir = await freshDataDir();
      const bot = start({ ...slackEnv(dataDir), SLACK_API_URL: rejecting.apiUrl });
      const exit = await bot.waitForExit(30_000);
      expect(exit.code).toBe(1);
      expect(bot.stderr.join('')).toContain('Slack rejected SLACK_BOT_TOKEN (invalid_auth)');
      expect(postgresProcessesUsing(dataDir)).toEqual([]);
    } finally {
      await rejecting.stop();
    }
  }, 40_000);
});
