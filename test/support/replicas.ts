import { afterEach, expect } from 'vitest';
import { upsertWorkspace } from '../../src/db/queries/workspaces.js';
import { OUTBOX_METADATA_EVENT } from '../../src/slack/notifier.js';
import { type BotProcess, spawnBot } from './bot-process.js';
import { eventually, seedTeam, WORKSPACE_ID } from './coaching.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { ALWAYS_WORKING, promptDueOneMinuteAgo } from './due-now.js';
import { SlackStandIn } from './slack-stand-in/index.js';
import type { TcpProxy } from './tcp-proxy.js';

/**
 * The daily fan-out as production runs it, for tests: several bot processes (replicas) on one
 * database of their own, all ticking and all delivering, against one Slack stand-in. A scenario
 * seeds a team whose prompt time has just passed, so the tick every bot runs at start queues one
 * prompt per rep.
 */
export class ReplicaScenario {
  readonly bots: BotProcess[] = [];
  /** Set by a test that puts a proxy between the bots and the database; stopped with the scenario. */
  proxy: TcpProxy | undefined;

  private constructor(
    readonly database: TestDatabase,
    readonly standIn: SlackStandIn,
  ) {}

  static async create(): Promise<ReplicaScenario> {
    return new ReplicaScenario(await createTestDatabase(), await SlackStandIn.start());
  }

  /** A team due for its prompt now, with `count` reps; returns their Slack user ids. */
  async seedDueTeam(count: number): Promise<string[]> {
    const { db } = this.database;
    // The bots register the stand-in's workspace too (auth.test at start); doing it first lets the
    // roster exist before any bot ticks.
    await upsertWorkspace(
      db,
      { id: WORKSPACE_ID, enterpriseId: null, name: 'Stand-in Workspace' },
      new Date(),
    );
    const schedule = promptDueOneMinuteAgo(new Date());
    const teamId = await seedTeam(db, {
      name: 'Fan-out',
      timezone: schedule.timezone,
      promptTime: schedule.promptTime,
      ...ALWAYS_WORKING,
    });
    const ids = Array.from({ length: count }, (_, index) => `U${String(index + 1).padStart(7, '0')}`);
    await db
      .insertInto('people')
      .values(
        ids.map((id) => ({
          workspace_id: WORKSPACE_ID,
          slack_user_id: id,
          display_name: id,
          is_rep: true,
          team_id: teamId,
          // Fresh from Slack: the bots' daily profile refresh (users.info) leaves them alone.
          profile_checked_at: new Date(),
          // On the roster since before the prompt time: a rep added after it would start tomorrow.
          created_at: new Date(Date.now() - 24 * 60 * 60_000),
        })),
      )
      .execute();
    return ids;
  }

  /**
   * Starts `count` bot processes. The first ones of a scenario are held at their auth.test until all
   * have asked, then let go together: they finish starting, and run the tick they run at start,
   * within milliseconds of each other, as replicas do at the top of each minute. Later starts (a
   * replica restarted) go straight through.
   */
  startBots(count: number, env: Record<string, string> = {}): BotProcess[] {
    if (this.bots.length === 0) this.startTogether(count);
    const started = Array.from({ length: count }, () =>
      spawnBot({
        SLACK_BOT_TOKEN: 'xoxb-replica-test-token',
        SLACK_SIGNING_SECRET: 'replica-test-signing-secret-0001',
        SLACK_API_URL: this.standIn.apiUrl,
        DATABASE_URL: this.database.url,
        PORT: '0',
        SLACK_API_MAX_RETRIES: '0',
        DELIVERY_RATE_PER_MINUTE: '30000',
        // The shortest lease the config allows, so rows a dead or cut-off worker held come back soon.
        DELIVERY_LEASE_SECONDS: '5',
        LOG_LEVEL: 'info',
        ...env,
      }),
    );
    this.bots.push(...started);
    return started;
  }

  private startTogether(count: number): void {
    let arrived = 0;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.standIn.respond('auth.test', async () => {
      arrived += 1;
      if (arrived >= count) release();
      await released;
      return {
        url: 'https://stand-in.slack.com/',
        team: 'Stand-in Workspace',
        user: 'coach-bot',
        team_id: WORKSPACE_ID,
        user_id: 'UBOT000001',
        bot_id: 'BBOT000001',
        is_enterprise_install: false,
      };
    });
  }

  /** Prompts the stand-in holds, per rep (their DM channel is D + user id). */
  promptsPerRep(ids: readonly string[]): Map<string, number> {
    return new Map(
      ids.map((id) => [
        id,
        this.standIn
          .messages(`D${id}`)
          .filter((message) => message.metadata?.event_type === OUTBOX_METADATA_EVENT).length,
      ]),
    );
  }

  isPosted(row: { slackUserId: string }): boolean {
    return (this.promptsPerRep([row.slackUserId]).get(row.slackUserId) ?? 0) > 0;
  }

  /** Posts the stand-in accepted. */
  delivered(): number {
    return this.standIn.calls('chat.postMessage').filter((call) => call.ok).length;
  }

  async outboxStatuses(): Promise<Record<string, number>> {
    const rows = await this.database.db
      .selectFrom('outbox_messages')
      .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  }

  async allSent(count: number, timeoutMs: number): Promise<void> {
    try {
      await eventually(
        async () => ((await this.outboxStatuses()).sent === count ? true : undefined),
        timeoutMs,
      );
    } catch (error) {
      const statuses = JSON.stringify(await this.outboxStatuses());
      throw new Error(`not all ${count} rows sent within ${timeoutMs} ms: ${statuses}`, { cause: error });
    }
  }

  /** Rows some worker has claimed and not settled, with the rep and the holder's pid. */
  async heldRows(): Promise<Array<{ id: string; slackUserId: string; pid: number }>> {
    const rows = await this.database.db
      .selectFrom('outbox_messages as o')
      .innerJoin('people as p', 'p.id', 'o.person_id')
      .select(['o.id', 'o.leased_by', 'p.slack_user_id'])
      .where('o.status', '=', 'sending')
      .execute();
    return rows.map((row) => ({ id: row.id, slackUserId: row.slack_user_id, pid: pidOf(row.leased_by) }));
  }

  /** How many rows in `status` each process's worker holds or settled, by pid. */
  async rowsByPid(status: 'sent' | 'sending'): Promise<Map<number, number>> {
    const rows = await this.database.db
      .selectFrom('outbox_messages')
      .select('leased_by')
      .where('status', '=', status)
      .execute();
    const byPid = new Map<number, number>();
    for (const row of rows) byPid.set(pidOf(row.leased_by), (byPid.get(pidOf(row.leased_by)) ?? 0) + 1);
    return byPid;
  }

  /** SIGTERM for all still running, so nothing is in flight any more when the stand-in is counted. */
  async stopBots(): Promise<void> {
    for (const bot of this.bots) if (bot.child.exitCode === null) bot.child.kill('SIGTERM');
    await Promise.all(this.bots.map((bot) => bot.waitForExit()));
  }

  /** Every rep got exactly one prompt, the stand-in accepted nothing else, and every row says sent. */
  async expectExactlyOnePromptEach(ids: readonly string[]): Promise<void> {
    const wrong = [...this.promptsPerRep(ids)].filter(([, n]) => n !== 1);
    expect(wrong, 'reps whose prompt count is not 1').toEqual([]);
    expect(this.delivered()).toBe(ids.length);
    expect(await this.outboxStatuses()).toEqual({ sent: ids.length });
  }

  async dispose(): Promise<void> {
    for (const bot of this.bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    await Promise.all(this.bots.map((bot) => bot.waitForExit().catch(() => undefined)));
    await this.proxy?.stop();
    await this.standIn.stop();
    await this.database.drop();
  }
}

/** A fresh scenario per test, cleaned up (processes killed, database dropped) after each. */
export function useReplicaScenarios(): () => Promise<ReplicaScenario> {
  let current: ReplicaScenario | undefined;
  afterEach(async () => {
    const scenario = current;
    current = undefined;
    await scenario?.dispose();
  });
  return async () => {
    current = await ReplicaScenario.create();
    return current;
  };
}

export const botStarted = (bot: BotProcess) => bot.waitForLog((entry) => entry.msg === 'bot started', 30_000);

/** The pid inside a worker id (host:pid:random, see main.ts). */
function pidOf(workerId: string | null): number {
  return Number(workerId?.split(':')[1]);
}

/** Warnings and errors a bot logged, as parsed JSON lines. */
export function problemsLogged(bot: BotProcess): Array<Record<string, unknown>> {
  return bot.stdout.flatMap((line) => {
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      return entry.level === 'warn' || entry.level === 'error' || entry.level === 'fatal' ? [entry] : [];
    } catch {
      return [];
    }
  });
}
