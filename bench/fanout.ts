import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import ts from 'typescript';
import { connectDatabase, type Db } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { upsertWorkspace } from '../src/db/queries/workspaces.js';
import { DEFAULT_DELIVERY_OPTIONS } from '../src/delivery/worker.js';
import { createLogger } from '../src/logger.js';
import { seedTeam, WORKSPACE_ID } from '../test/support/coaching.js';
import type { RateLimit, StandInUserInput } from '../test/support/slack-stand-in/index.js';
import {
  assertAlive,
  type Target as ChildTarget,
  cleanUpStack,
  cpuProfileFlags,
  startTarget as startChild,
  stopTarget,
} from './child-processes.js';
import { type BenchDatabase, createBenchDatabase, type DatabaseProcesses } from './database.js';
import type { PostReport, StandInAnswer, StandInOrder, StandInRequest } from './fanout-stand-in.js';
import {
  count,
  cpuModel,
  fmt,
  machineBusySeconds,
  type ProcStat,
  procStat,
  seconds,
  settingFromEnv,
  verdict,
} from './machine.js';

/** Reps seeded, all prompted in the pipeline measurement. */
const REPS = settingFromEnv('FANOUT_REPS', 10_000);
/** Reps prompted in the paced measurement (the others are paused for it). */
const PACED_REPS = Math.min(REPS, settingFromEnv('FANOUT_PACED_REPS', REPS));
/** DELIVERY_CONCURRENCY of the bot in both measurements: the bot's default unless set. */
const CONCURRENCY = settingFromEnv('FANOUT_CONCURRENCY', DEFAULT_DELIVERY_OPTIONS.concurrency);
/** High enough that pacing never holds the pipeline back (10,000 a second). */
const PIPELINE_RATE_PER_MINUTE = 600_000;
/** The stand-in's cap on chat.postMessage and the bot's DELIVERY_RATE_PER_MINUTE in the paced run. */
const PACED_PER_MINUTE = settingFromEnv('FANOUT_PACED_PER_MINUTE', 6_000);
/**
 * Calls the stand-in lets through at once before the cap applies: one second's worth by default.
 * Slack enforces a per-minute budget and allows short bursts; a tighter bucket mostly measures how
 * late a busy machine runs timers.
 */
const PACED_BURST = settingFromEnv('FANOUT_PACED_BURST', Math.max(1, Math.round(PACED_PER_MINUTE / 60)));

/**
 * 1: every rep is new, so each prompt is their first and carries the bot's introduction (the morning
 * after a whole company was added). Default 0: every rep was prompted a week ago, a usual morning.
 */
const FIRST_DAY = settingFromEnv('FANOUT_FIRST_DAY', 0) === 1;

const GOAL_MESSAGES_PER_SECOND = 1_000;
const GOAL_PEAK_RSS_MB = 200;
const GOAL_PACED_DEVIATION = 0.05;
/** The paced run's steady part leaves out this share of the posts at each end. */
const STEADY_TRIM = 0.05;
const RATE_WINDOW_MS = 10_000;

const POLL_MS = 100;
/** A measurement fails when no row is sent for this long. */
const STALL_MS = 30_000;
/** The bot may still be settling its last rows when the stand-in answered the last post. */
const SETTLE_TIMEOUT_MS = 10_000;
/** Cores used by processes outside the benchmark above which a measurement is flagged as disturbed. */
const DISTURBED_CORES = 0.2;

const REPO = fileURLToPath(new URL('..', import.meta.url));
const STAND_IN_SCRIPT = fileURLToPath(new URL('./fanout-stand-in.ts', import.meta.url));
const silentLogger = createLogger({ level: 'silent', secrets: [] });

type Role = 'stand-in' | 'bot';

// ---------------------------------------------------------------- child processes

type Target = ChildTarget<Role>;

/**
 * The bot runs as plain JavaScript, like production's dist/src/main.js: src/, migrations/ and
 * bench/fanout-bot.ts transpiled file by file (no type check: `npm run typecheck` does that) into a
 * temporary directory that sees the repository's node_modules.
 */
async function compileBot(): Promise<{ entry: string; dir: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fanout-bot-'));
  const sources: string[] = [path.join(REPO, 'bench', 'fanout-bot.ts')];
  for (const folder of ['src', 'migrations']) {
    const entries = await readdir(path.join(REPO, folder), { recursive: true });
    for (const entry of entries) {
      if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) sources.push(path.join(REPO, folder, entry));
    }
  }
  const compilerOptions: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    target: ts.ScriptTarget.ES2023,
    verbatimModuleSyntax: true,
    isolatedModules: true,
  };
  await Promise.all(
    sources.map(async (source) => {
      const { outputText } = ts.transpileModule(await readFile(source, 'utf8'), {
        compilerOptions,
        fileName: source,
      });
      const target = path.join(dir, path.relative(REPO, source)).replace(/\.ts$/, '.js');
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, outputText);
    }),
  );
  await writeFile(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  await symlink(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return { entry: path.join(dir, 'bench', 'fanout-bot.js'), dir };
}

/**
 * The node options production runs the bot with (package.json's start:prod, which the Dockerfile
 * mirrors): the heap limit there is what keeps the resident set down, so the bench must use it too.
 */
async function productionNodeFlags(): Promise<string[]> {
  const manifest = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = manifest.scripts['start:prod']!.split(/\s+/);
  return words.slice(1).filter((word) => word.startsWith('--'));
}

// BENCH_CPU_PROF_DIR=<dir> profiles each bot process, to see where time goes.
const botNodeFlags = [...(await productionNodeFlags()), ...cpuProfileFlags()];

function startTarget(role: Role, env: Record<string, string>, botEntry?: string): Promise<Target> {
  const args = role === 'bot' ? [...botNodeFlags, botEntry!] : ['--import', 'tsx', STAND_IN_SCRIPT];
  return startChild(role, args, env);
}

let nextOrderId = 1;

function askStandIn(standIn: Target, order: StandInRequest): Promise<StandInAnswer> {
  const id = nextOrderId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      standIn.child.off('message', onMessage);
      reject(new Error(`the stand-in did not answer "${order.type}" within 10 s`));
    }, 10_000);
    const onMessage = (message: unknown) => {
      if ((message as { id?: number }).id !== id) return;
      clearTimeout(timer);
      standIn.child.off('message', onMessage);
      resolve(message as StandInAnswer);
    };
    standIn.child.on('message', onMessage);
    const message: StandInOrder = { ...order, id };
    standIn.child.send(message);
  });
}

async function configureStandIn(
  standIn: Target,
  users: StandInUserInput[],
  rateLimit: RateLimit | null,
): Promise<void> {
  await askStandIn(standIn, { type: 'configure', users, rateLimit });
}

async function postReport(standIn: Target): Promise<PostReport> {
  const answer = await askStandIn(standIn, { type: 'report' });
  if (answer.type !== 'report') throw new Error('the stand-in answered a report with something else');
  return answer.report;
}

// ---------------------------------------------------------------- /proc

async function allProcStats(): Promise<ProcStat[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  // Not `pids.map(procStat)`: map's index would be taken for a thread id, and every read would miss.
  const stats = await Promise.all(pids.map((pid) => procStat(pid)));
  return stats.filter((stat): stat is ProcStat => stat !== undefined);
}

/** A line of /proc/<pid>/status in kB, e.g. VmRSS or VmHWM (peak resident set). */
async function statusKb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

interface CpuSnapshot {
  at: number;
  bot: number;
  standIn: number;
  database: number;
  own: number;
  machine: number;
}

async function cpuSnapshot(bot: Target, standIn: Target, database: DatabaseProcesses): Promise<CpuSnapshot> {
  const [stats, machine] = await Promise.all([allProcStats(), machineBusySeconds()]);
  const byPid = new Map(stats.map((stat) => [stat.pid, stat]));
  const { postmasterPid } = database;
  const databaseSeconds =
    postmasterPid === undefined
      ? Number.NaN
      : stats
          .filter((stat) => stat.pid === postmasterPid || stat.ppid === postmasterPid)
          .reduce((sum, stat) => sum + stat.cpuSeconds, 0);
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    bot: byPid.get(bot.child.pid ?? -1)?.cpuSeconds ?? Number.NaN,
    standIn: byPid.get(standIn.child.pid ?? -1)?.cpuSeconds ?? Number.NaN,
    database: databaseSeconds,
    own: (own.user + own.system) / 1e6,
    machine,
  };
}

/** Cores busy on average between two snapshots (1 = one core the whole time). */
interface CpuShares {
  bot: number;
  standIn: number;
  database: number;
  own: number;
  others: number;
  botSeconds: number;
}

function cpuSharesBetween(start: CpuSnapshot, end: CpuSnapshot): CpuShares {
  const wall = (end.at - start.at) / 1000;
  const share = (key: 'bot' | 'standIn' | 'database' | 'own') => (end[key] - start[key]) / wall;
  const known = [share('bot'), share('standIn'), share('database'), share('own')]
    .filter(Number.isFinite)
    .reduce((a, b) => a + b, 0);
  return {
    bot: share('bot'),
    standIn: share('standIn'),
    database: share('database'),
    own: share('own'),
    others: Math.max(0, (end.machine - start.machine) / wall - known),
    botSeconds: end.bot - start.bot,
  };
}

// ---------------------------------------------------------------- database

/** Prompt time one minute ago, so the tick at the bot's start finds every rep due. */
function promptTimeNow(): string {
  const minuteAgo = new Date(Date.now() - 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(minuteAgo.getUTCHours())}:${pad(minuteAgo.getUTCMinutes())}`;
}

/**
 * Every rep's prompt must be due for the whole run: after 00:01 UTC (the prompt time is a minute
 * earlier, on the same day) and well before 23:59, the end of the team's working hours.
 */
async function waitForUsableUtcTime(): Promise<void> {
  const now = new Date();
  const minutes = now.getUTCHours() * 60 + now.getUTCMinutes();
  if (minutes >= 1 && minutes < 23 * 60 + 45) return;
  const until = new Date(now);
  if (minutes >= 1) until.setUTCDate(until.getUTCDate() + 1);
  until.setUTCHours(0, 1, 5, 0);
  const waitMs = until.getTime() - now.getTime();
  console.log(
    `waiting ${Math.ceil(waitMs / 1000)} s until 00:01 UTC: the reps' working day (UTC, 00:00–23:59) is about to end`,
  );
  await sleep(waitMs);
}

/** The reps' Slack user ids, as seeded: U00000001, U00000002… */
function repSlackIds(): string[] {
  return Array.from({ length: REPS }, (_, index) => `U${String(index + 1).padStart(8, '0')}`);
}

async function seedRoster(db: Db, promptTime: string): Promise<void> {
  const now = new Date();
  await upsertWorkspace(db, { id: WORKSPACE_ID, enterpriseId: null, name: 'Stand-in Workspace' }, now);
  const teamId = await seedTeam(db, {
    name: 'Fan-out',
    timezone: 'UTC',
    promptTime,
    workdays: [1, 2, 3, 4, 5, 6, 7],
    workingHours: ['00:00', '23:59'],
  });
  // One statement for the whole roster, on it since yesterday: a rep added after the prompt time
  // would start tomorrow.
  await sql`
    insert into people (workspace_id, slack_user_id, display_name, is_rep, team_id, created_at)
    select ${WORKSPACE_ID}, 'U' || lpad(n::text, 8, '0'), 'Rep ' || n, true, ${teamId}, now() - interval '1 day'
    from generate_series(1, ${REPS}::int) as n`.execute(db);
  await seedHistory(db);
  await analyzeRoster(db);
}

/** Unless FANOUT_FIRST_DAY=1: a prompt a week ago for every rep, so today's is not their first. */
async function seedHistory(db: Db): Promise<void> {
  if (FIRST_DAY) return;
  await sql`
    insert into check_ins (workspace_id, person_id, local_date, about_date, question, stage, prompted_at, updated_at)
    select workspace_id, id, current_date - 7, current_date - 8, null, 'answered', now() - interval '7 days', now()
    from people where workspace_id = ${WORKSPACE_ID}`.execute(db);
}

/** A fresh start for the next measurement: no outbox row, no pacing slot, only the week-old check-ins. */
async function forgetDeliveries(db: Db, promptedReps: number): Promise<void> {
  await sql`truncate outbox_messages, check_ins, delivery_pacing cascade`.execute(db);
  await seedHistory(db);
  await sql`
    update people
    set dm_channel_id = null,
        paused_at = case when slack_user_id > ('U' || lpad(${promptedReps}::text, 8, '0')) then now() end`.execute(
    db,
  );
  await analyzeRoster(db);
}

/**
 * Statistics for what was seeded, as a real install has them. Not a database-wide ANALYZE: that also
 * recorded check_ins and outbox_messages as empty, which no install that has been running has, and
 * with it the foreign-key check of every queued prompt planned a sequential scan of check_ins (the
 * table looked empty): 4.5 of a 6 s tick for 10,000 reps on an idle machine, against 1.4 s with the
 * index. A fresh install's never-analyzed tables are sized from their pages instead.
 */
async function analyzeRoster(db: Db): Promise<void> {
  await sql`analyze workspaces, teams, people`.execute(db);
  // The week-old check-ins stand for the history a running install has, statistics included.
  if (!FIRST_DAY) await sql`analyze check_ins`.execute(db);
}

interface Progress {
  queued: number;
  sent: number;
  settled: number;
}

async function progress(db: Db): Promise<Progress> {
  const result = await sql<{ queued: string; sent: string; settled: string }>`
    select count(*) as queued,
           count(*) filter (where status = 'sent') as sent,
           count(*) filter (where status in ('sent', 'failed', 'dropped')) as settled
    from outbox_messages`.execute(db);
  const row = result.rows[0]!;
  return { queued: Number(row.queued), sent: Number(row.sent), settled: Number(row.settled) };
}

/** Why reps that should be prompted have no outbox row, for the error of a stalled measurement. */
async function describeMissing(db: Db): Promise<string> {
  const result = await sql<{ reps: string; with_check_in: string }>`
    select count(*) as reps, count(c.id) as with_check_in
    from people p left join check_ins c on c.person_id = p.id
    where p.is_rep and p.paused_at is null
      and not exists (select 1 from outbox_messages o where o.person_id = p.id)`.execute(db);
  const row = result.rows[0]!;
  return `${row.reps} unpaused reps have no outbox row, ${row.with_check_in} of them a check-in`;
}

interface DeliveryCheck {
  rows: number;
  sentRows: number;
  otherStatuses: string;
  repsWithRow: number;
  distinctTs: number;
  promptedCheckIns: number;
  rowIds: Set<string>;
  /** When the tick queued the rows (their created_at), the first and the last sent_at. */
  tickAt: number;
  firstSentAt: number;
  lastSentAt: number;
  attempts: number;
}

async function checkDeliveries(db: Db): Promise<DeliveryCheck> {
  const rows = await db
    .selectFrom('outbox_messages')
    .select(['id', 'person_id', 'status', 'slack_ts', 'created_at', 'sent_at', 'attempts'])
    .execute();
  const statuses = new Map<string, number>();
  for (const row of rows) statuses.set(row.status, (statuses.get(row.status) ?? 0) + 1);
  const sent = rows.filter((row) => row.status === 'sent');
  const sentTimes = sent.map((row) => row.sent_at?.getTime() ?? Number.NaN);
  const prompted = await db
    .selectFrom('check_ins')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('prompt_ts', 'is not', null)
    .executeTakeFirstOrThrow();
  return {
    rows: rows.length,
    sentRows: sent.length,
    otherStatuses: [...statuses]
      .filter(([status]) => status !== 'sent')
      .map(([status, count]) => `${status} ×${count}`)
      .join(', '),
    repsWithRow: new Set(rows.map((row) => row.person_id)).size,
    distinctTs: new Set(sent.map((row) => row.slack_ts)).size,
    promptedCheckIns: Number(prompted.count),
    rowIds: new Set(rows.map((row) => String(row.id))),
    tickAt: Math.min(...rows.map((row) => row.created_at.getTime())),
    firstSentAt: Math.min(...sentTimes),
    lastSentAt: Math.max(...sentTimes),
    attempts: rows.reduce((sum, row) => sum + row.attempts, 0),
  };
}

// ---------------------------------------------------------------- one measurement

interface Watch {
  /** Date.now() when polling first saw every row queued. */
  allQueuedAt: number;
  /** Highest VmRSS sampled, kB. */
  maxRssKb: number;
  /** VmHWM (peak resident set since the process started), kB, read once everything was sent. */
  peakRssKb: number;
  cpu: CpuShares;
}

/** Polls the database and the bot's memory until `expected` rows are sent. */
async function watchDelivery(
  db: Db,
  bot: Target,
  standIn: Target,
  database: DatabaseProcesses,
  expected: number,
  startCpu: CpuSnapshot,
): Promise<Watch> {
  let allQueuedAt = Number.NaN;
  let maxRssKb = 0;
  let lastSent = -1;
  let lastChange = performance.now();
  for (;;) {
    assertAlive(bot);
    assertAlive(standIn);
    const now = Date.now();
    maxRssKb = Math.max(maxRssKb, await statusKb(bot.child.pid, 'VmRSS'));
    const seen = await progress(db);
    if (Number.isNaN(allQueuedAt) && seen.queued >= expected) allQueuedAt = now;
    if (seen.sent !== lastSent) {
      lastSent = seen.sent;
      lastChange = performance.now();
    }
    if (seen.settled >= expected) break;
    if (performance.now() - lastChange > STALL_MS) {
      throw new Error(
        `no row was sent for ${STALL_MS / 1000} s: ${seen.queued} queued, ${seen.sent} sent, ${seen.settled} settled of ${expected}; ${await describeMissing(db)}`,
      );
    }
    await sleep(POLL_MS);
  }
  const endCpu = await cpuSnapshot(bot, standIn, database);
  const peakRssKb = await statusKb(bot.child.pid, 'VmHWM');
  return { allQueuedAt, maxRssKb, peakRssKb, cpu: cpuSharesBetween(startCpu, endCpu) };
}

/** What both measurements check: one post per prompted rep, every row sent once. */
interface Correctness {
  expected: number;
  posts: number;
  lost: number;
  duplicated: number;
  problems: string[];
}

function checkCorrectness(expected: number, rows: DeliveryCheck, report: PostReport): Correctness {
  const problems: string[] = [];
  const postedIds = new Set(report.outboxIds);
  const lostRows = [...rows.rowIds].filter((id) => !postedIds.has(id)).length;
  const lost = lostRows + Math.max(0, expected - rows.rows);
  const duplicated = report.outboxIds.length - postedIds.size + report.repeatedRecipients;
  if (rows.rows !== expected) problems.push(`${rows.rows} outbox rows for ${expected} reps`);
  if (rows.repsWithRow !== expected) problems.push(`${rows.repsWithRow} reps with a row, not ${expected}`);
  if (rows.sentRows !== rows.rows)
    problems.push(`${rows.rows - rows.sentRows} rows not sent (${rows.otherStatuses})`);
  if (rows.distinctTs !== rows.sentRows)
    problems.push(`${rows.sentRows - rows.distinctTs} sent rows share a ts`);
  if (rows.promptedCheckIns !== expected) {
    problems.push(`${rows.promptedCheckIns} check-ins know their prompt, not ${expected}`);
  }
  if (report.postedAt.length !== expected) problems.push(`${report.postedAt.length} posts, not ${expected}`);
  if (report.recipients !== expected) problems.push(`${report.recipients} reps got a post, not ${expected}`);
  const strangers = [...postedIds].filter((id) => !rows.rowIds.has(id)).length;
  if (strangers > 0) problems.push(`${strangers} posts carry an outbox id that is not a row`);
  if (lost > 0) problems.push(`${lost} lost`);
  if (duplicated > 0) problems.push(`${duplicated} duplicated`);
  if (report.otherFailures > 0) {
    problems.push(`${report.otherFailures} posts failed (${report.failureReasons.join(', ')})`);
  }
  if (report.pending > 0) problems.push(`${report.pending} posts still unanswered`);
  return { expected, posts: report.postedAt.length, lost, duplicated, problems };
}

interface BotRun {
  watch: Watch;
  rows: DeliveryCheck;
  report: PostReport;
  correctness: Correctness;
  startSeconds: number;
  disturbed: boolean;
}

async function runBot(
  context: Context,
  options: { ratePerMinute: number; rateLimit: RateLimit | null; expected: number },
): Promise<BotRun> {
  const { db, standIn, database, botEnv } = context;
  // The stand-in knows every rep: the bot's daily profile refresh (users.info) runs during the run too.
  await configureStandIn(standIn, context.users, options.rateLimit);
  const startedAt = performance.now();
  const bot = await startTarget(
    'bot',
    {
      ...botEnv,
      DELIVERY_RATE_PER_MINUTE: String(options.ratePerMinute),
      DELIVERY_CONCURRENCY: String(CONCURRENCY),
    },
    context.botEntry,
  );
  const startSeconds = (performance.now() - startedAt) / 1000;
  try {
    // The tick runs during the start; CPU is counted from here, when the bot says it is up.
    const startCpu = await cpuSnapshot(bot, standIn, database.processes);
    const watch = await watchDelivery(db, bot, standIn, database.processes, options.expected, startCpu);
    // The last rows are marked sent before the check-in learns its ts: give the bot a moment to finish.
    const deadline = performance.now() + SETTLE_TIMEOUT_MS;
    let rows = await checkDeliveries(db);
    while (rows.promptedCheckIns < options.expected && performance.now() < deadline) {
      await sleep(POLL_MS);
      rows = await checkDeliveries(db);
    }
    await stopTarget(bot);
    const report = await postReport(standIn);
    return {
      watch,
      rows,
      report,
      correctness: checkCorrectness(options.expected, rows, report),
      startSeconds,
      disturbed: watch.cpu.others > DISTURBED_CORES,
    };
  } finally {
    await stopTarget(bot).catch(() => undefined);
  }
}

interface Context {
  db: Db;
  standIn: Target;
  database: BenchDatabase;
  botEnv: Record<string, string>;
  botEntry: string;
  users: StandInUserInput[];
}

// ---------------------------------------------------------------- report

function describeCpu(cpu: CpuShares): string {
  const database = Number.isFinite(cpu.database) ? `postgres ${fmt(cpu.database, 2)}, ` : '';
  const others = Number.isFinite(cpu.database) ? 'others' : 'others (postgres included)';
  return (
    `cores busy: bot ${fmt(cpu.bot, 2)}, stand-in ${fmt(cpu.standIn, 2)}, ${database}` +
    `this process ${fmt(cpu.own, 2)}, ${others} ${fmt(cpu.others, 2)}`
  );
}

function describeChecks(run: BotRun): string {
  const { correctness, report, rows } = run;
  if (correctness.problems.length > 0) return `FAILED: ${correctness.problems.join('; ')}`;
  return (
    `${count(rows.sentRows)} rows sent, ${count(report.postedAt.length)} posts to ${count(report.recipients)} reps, ` +
    `every outbox id posted once; lost 0, duplicated 0 — ok`
  );
}

interface PipelineFigures {
  messagesPerSecond: number;
  sendingPerSecond: number;
  peakRssMb: number;
}

function printPipeline(run: BotRun): PipelineFigures {
  const { rows, watch } = run;
  const fromTick = (at: number) => (at - rows.tickAt) / 1000;
  const seconds = fromTick(rows.lastSentAt);
  const messagesPerSecond = rows.sentRows / seconds;
  const sendingPerSecond = (rows.sentRows - 1) / ((rows.lastSentAt - rows.firstSentAt) / 1000);
  const peakRssMb = watch.peakRssKb / 1024;
  console.log(`  bot started in ${fmt(run.startSeconds)} s (the tick runs as it starts)`);
  console.log(
    `  from the tick: all ${count(rows.rows)} queued by ${fmt(fromTick(watch.allQueuedAt))} s (seen by polling), ` +
      `first sent at ${fmt(fromTick(rows.firstSentAt), 2)} s, ${count(rows.sentRows)}th sent at ${fmt(seconds, 2)} s`,
  );
  console.log(
    `  throughput ${fmt(messagesPerSecond, 0)} msg/s from the tick to the last sent row; ` +
      `${fmt(sendingPerSecond, 0)} msg/s from the first sent row to the last`,
  );
  console.log(
    `  bot memory: peak resident (VmHWM) ${fmt(peakRssMb, 0)} MB; highest VmRSS sampled during the fan-out ${fmt(watch.maxRssKb / 1024, 0)} MB`,
  );
  console.log(
    `  ${describeCpu(watch.cpu)}; bot CPU ${fmt((watch.cpu.botSeconds * 1e6) / rows.sentRows, 0)} µs per message`,
  );
  console.log(`  attempts counted on the rows: ${count(rows.attempts)} for ${count(rows.rows)} rows`);
  console.log(`  checks: ${describeChecks(run)}`);
  if (run.disturbed) {
    console.log(
      `  ! other processes kept ${fmt(watch.cpu.others, 2)} cores busy during this measurement: its figures are disturbed`,
    );
  }
  return { messagesPerSecond, sendingPerSecond, peakRssMb };
}

interface PacedFigures {
  steadyPerMinute: number;
  deviation: number;
  rateLimited: number;
}

function printPaced(run: BotRun): PacedFigures {
  const { report, rows, watch } = run;
  const times = [...report.postedAt].sort((a, b) => a - b);
  const from = Math.floor(times.length * STEADY_TRIM);
  const to = Math.max(from + 1, Math.ceil(times.length * (1 - STEADY_TRIM)) - 1);
  const steadyPerMinute = ((to - from) / ((times[to]! - times[from]!) / 1000)) * 60;
  const overallPerMinute = ((times.length - 1) / ((times.at(-1)! - times[0]!) / 1000)) * 60;
  const deviation = steadyPerMinute / PACED_PER_MINUTE - 1;
  const windows: number[] = [];
  for (let start = times[from]!; start + RATE_WINDOW_MS <= times[to]!; start += RATE_WINDOW_MS) {
    windows.push(times.filter((t) => t >= start && t < start + RATE_WINDOW_MS).length);
  }
  const perMinute = (n: number) => fmt((n / RATE_WINDOW_MS) * 60_000, 0);
  console.log(`  bot started in ${fmt(run.startSeconds)} s (the tick runs as it starts)`);
  console.log(
    `  posts answered ok by the stand-in: ${count(times.length)} over ${fmt((times.at(-1)! - times[0]!) / 1000)} s ` +
      `(${fmt(overallPerMinute, 0)}/min first to last); last row sent ${fmt((rows.lastSentAt - rows.tickAt) / 1000)} s after the tick`,
  );
  console.log(
    `  steady part (posts ${count(from + 1)}–${count(to + 1)}): ${fmt(steadyPerMinute, 0)}/min = ${fmt(steadyPerMinute / 60, 1)}/s, ` +
      `${deviation >= 0 ? '+' : ''}${fmt(deviation * 100, 2)} % against the cap of ${count(PACED_PER_MINUTE)}/min`,
  );
  if (windows.length > 0) {
    console.log(
      `  per ${RATE_WINDOW_MS / 1000} s window in the steady part: min ${perMinute(Math.min(...windows))}/min, ` +
        `max ${perMinute(Math.max(...windows))}/min (${windows.length} windows)`,
    );
  }
  console.log(
    `  429 answers: ${count(report.rateLimited)}; calls that arrived during an earlier Retry-After: ${count(report.arrivedDuringRetryAfter)}; ` +
      `${count(report.calls)} chat.postMessage calls in all`,
  );
  console.log(`  bot memory: peak resident (VmHWM) ${fmt(watch.peakRssKb / 1024, 0)} MB`);
  console.log(`  ${describeCpu(watch.cpu)}`);
  console.log(`  checks: ${describeChecks(run)}`);
  if (run.disturbed) {
    console.log(
      `  ! other processes kept ${fmt(watch.cpu.others, 2)} cores busy during this measurement: its figures are disturbed`,
    );
  }
  return { steadyPerMinute, deviation, rateLimited: report.rateLimited };
}

async function printSetup(database: BenchDatabase, promptTime: string): Promise<void> {
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  console.log(
    `fan-out benchmark: the real bot's minute tick and delivery worker — ${new Date().toISOString()}`,
  );
  console.log(
    `machine    nproc ${os.availableParallelism()}, ${await cpuModel()}, ${gib} GiB RAM, node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log(
    'processes  this one seeds, polls and checks; the Slack stand-in and the bot each in a child process',
  );
  console.log(`database   ${database.description}`);
  console.log(
    `roster     ${count(REPS)} reps in workspace ${WORKSPACE_ID}, one team: time zone UTC, every day a workday, ` +
      `working hours 00:00–23:59, prompt time ${promptTime} UTC (a minute before the seeding)`,
  );
  console.log(
    FIRST_DAY
      ? "history    none (FANOUT_FIRST_DAY=1): every prompt is its rep's first and carries the introduction"
      : "history    one prompt a week ago per rep, so today's is not their first (FANOUT_FIRST_DAY=1: all first prompts)",
  );
  const { leaseMs, maxBatch, idlePollMs } = DEFAULT_DELIVERY_OPTIONS;
  console.log(
    `bot        startBot from src/main.ts, run as JavaScript by node ${botNodeFlags.join(' ')} (start:prod's options, no tsx), ` +
      `LOG_LEVEL=info to /dev/null; DELIVERY_CONCURRENCY=${CONCURRENCY}, ` +
      `lease ${leaseMs / 1000} s, up to ${maxBatch} rows per claim, ${idlePollMs} ms between empty claims`,
  );
  console.log(
    `pipeline   ${count(REPS)} prompts; DELIVERY_RATE_PER_MINUTE=${count(PIPELINE_RATE_PER_MINUTE)} (pacing out of the way); ` +
      'the stand-in answers every chat.postMessage at once',
  );
  console.log(
    `paced      ${count(PACED_REPS)} prompts${PACED_REPS < REPS ? ' (the other reps paused)' : ''}; ` +
      `the stand-in caps chat.postMessage at ${count(PACED_PER_MINUTE)}/min with a burst of ${PACED_BURST} ` +
      `(429 + Retry-After beyond); DELIVERY_RATE_PER_MINUTE=${count(PACED_PER_MINUTE)}`,
  );
  console.log(
    `goals      ≥ ${count(GOAL_MESSAGES_PER_SECOND)} msg/s pipeline; bot resident memory < ${GOAL_PEAK_RSS_MB} MB; ` +
      `paced rate within ${GOAL_PACED_DEVIATION * 100} % of the cap; 0 lost, 0 duplicated\n`,
  );
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const startedAt = performance.now();
  const cleanups = cleanUpStack();

  let correct = true;
  try {
    await waitForUsableUtcTime();
    const database = await createBenchDatabase('fanout');
    cleanups.push('drop the database', database.drop);
    const connection = connectDatabase(database.url, silentLogger);
    cleanups.push('close the pool', connection.close);
    const { db } = connection;
    await migrateToLatest(db, silentLogger);

    const promptTime = promptTimeNow();
    const seeding = performance.now();
    await seedRoster(db, promptTime);
    const seeded = seconds(seeding);

    const compiling = performance.now();
    const bot = await compileBot();
    cleanups.push(`remove ${bot.dir}`, () => rm(bot.dir, { recursive: true, force: true }));
    const compiled = seconds(compiling);

    const standIn = await startTarget('stand-in', {});
    cleanups.push('stop the stand-in', () => stopTarget(standIn));
    await printSetup(database, promptTime);
    console.log(`seeded ${count(REPS)} reps in ${seeded} s (one insert … select from generate_series)`);
    console.log(`transpiled the bot to JavaScript in ${compiled} s (${bot.dir})\n`);

    const context: Context = {
      db,
      standIn,
      database,
      botEntry: bot.entry,
      users: repSlackIds().map((id) => ({ id, tz: 'UTC' })),
      botEnv: {
        SLACK_BOT_TOKEN: `xoxb-bench-${randomBytes(8).toString('hex')}`,
        SLACK_SIGNING_SECRET: randomBytes(16).toString('hex'),
        SLACK_API_URL: standIn.apiUrl!,
        DATABASE_URL: database.url,
      },
    };

    console.log('1. pipeline: stand-in answering at once');
    const pipelineRun = await runBot(context, {
      ratePerMinute: PIPELINE_RATE_PER_MINUTE,
      rateLimit: null,
      expected: REPS,
    });
    const pipeline = printPipeline(pipelineRun);

    await forgetDeliveries(db, PACED_REPS);
    console.log(`\n2. paced: stand-in capping chat.postMessage at ${count(PACED_PER_MINUTE)}/min`);
    const pacedRun = await runBot(context, {
      ratePerMinute: PACED_PER_MINUTE,
      rateLimit: { perMinute: PACED_PER_MINUTE, burst: PACED_BURST },
      expected: PACED_REPS,
    });
    const paced = printPaced(pacedRun);

    correct = pipelineRun.correctness.problems.length === 0 && pacedRun.correctness.problems.length === 0;
    const peakRssMb = Math.max(pipeline.peakRssMb, pacedRun.watch.peakRssKb / 1024);
    console.log('');
    console.log(
      `pipeline throughput = ${fmt(pipeline.messagesPerSecond, 0)} msg/s from the tick (goal ≥ ${count(GOAL_MESSAGES_PER_SECOND)}) — ` +
        verdict(pipeline.messagesPerSecond >= GOAL_MESSAGES_PER_SECOND),
    );
    console.log(
      `bot peak resident memory = ${fmt(peakRssMb, 0)} MB (goal < ${GOAL_PEAK_RSS_MB} MB) — ${verdict(peakRssMb < GOAL_PEAK_RSS_MB)}`,
    );
    console.log(
      `paced delivered rate = ${fmt(paced.steadyPerMinute, 0)}/min against a cap of ${count(PACED_PER_MINUTE)}/min, ` +
        `${paced.deviation >= 0 ? '+' : ''}${fmt(paced.deviation * 100, 2)} % (goal within ±${GOAL_PACED_DEVIATION * 100} %) — ` +
        `${verdict(Math.abs(paced.deviation) <= GOAL_PACED_DEVIATION)}; ${count(paced.rateLimited)} × 429`,
    );
    const lost = pipelineRun.correctness.lost + pacedRun.correctness.lost;
    const duplicated = pipelineRun.correctness.duplicated + pacedRun.correctness.duplicated;
    console.log(
      `correctness: lost ${lost}, duplicated ${duplicated}, every row sent and every rep posted once — ` +
        (correct ? 'ok' : 'FAILED'),
    );
  } finally {
    const stopping = performance.now();
    await cleanups.cleanUp();
    console.log(
      `\nstopped every process and removed the benchmark's database in ${seconds(stopping)} s; whole run ${seconds(startedAt)} s`,
    );
  }
  if (!correct) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `\nfan-out benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
