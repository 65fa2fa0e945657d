import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import {
  blockActionBody,
  signedHeaders,
  slashCommandBody,
  viewSubmissionBody,
} from '../test/support/slack-driver.js';
import type { StandInReport } from './ack-target.js';
import {
  assertAlive,
  type Target as ChildTarget,
  cleanUpStack,
  cpuProfileFlags,
  startTarget as startChild,
  stopTarget,
} from './child-processes.js';
import { cpuModel, fmt, machineBusySeconds, procStat, seconds, settingFromEnv } from './machine.js';

/** Rounds of both apps; ACK_ROUNDS sets more (the verdict takes the median of the rounds' ratios). */
const ROUNDS = settingFromEnv('ACK_ROUNDS', 2);
const CONNECTIONS = settingFromEnv('ACK_CONNECTIONS', 10);
const WARMUP_SECONDS = 2;
const THROUGHPUT_SECONDS = 8;
const FIXED_RATE = 200;
const FIXED_RATE_SECONDS = 8;
const GOAL_THROUGHPUT_RATIO = 0.8;
const GOAL_P99_MS = 25;
/** Cores used by processes outside the benchmark above which a measurement is flagged as disturbed. */
const DISTURBED_CORES = 0.2;
/** Between measurements: the children count as idle below this share of one core, probed this often. */
const IDLE_CORES = 0.1;
const IDLE_PROBE_MS = 250;
const IDLE_TIMEOUT_MS = 10_000;

const EVENTS_PATH = '/slack/events';
const FORM = 'application/x-www-form-urlencoded';
const TARGET_SCRIPT = fileURLToPath(new URL('./ack-target.ts', import.meta.url));
/** Answers this close to the start or end of the fixed-rate window are left out. */
const WINDOW_MARGIN_MS = 20;
/**
 * The fixed-rate window opens this long after the last lane started. Seen on the AMD machine of
 * 2026-12-05: in the first fixed-rate measurement of a run, the first request of every lane started in
 * the second before (each lane's new connection) could all be answered together at the window's start,
 * with latencies falling from 1.1 s by the lanes' 5 ms spacing, whichever app was measured. That is the
 * lanes starting, not the app under a steady 200 req/s.
 */
const SETTLE_MS = 1_000;

type AppName = 'bare' | 'bot';
type Role = AppName | 'stand-in';

// ---------------------------------------------------------------- child processes

type Target = ChildTarget<Role>;

/** BENCH_CPU_PROF_DIR=<dir> profiles the bare app and the bot, to see where time goes. */
function nodeFlags(role: Role): string[] {
  return role === 'stand-in' ? [] : cpuProfileFlags();
}

function startTarget(role: Role, env: Record<string, string>): Promise<Target> {
  return startChild(role, [...nodeFlags(role), '--import', 'tsx', TARGET_SCRIPT, role], env);
}

/** Asks the stand-in what it answered since the last report (it forgets everything after answering). */
function standInReport(standIn: Target): Promise<StandInReport> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the stand-in did not report within 5 s')), 5_000);
    const onMessage = (message: unknown) => {
      if ((message as { type?: string }).type !== 'stand-in-report') return;
      clearTimeout(timer);
      standIn.child.off('message', onMessage);
      resolve(message as StandInReport);
    };
    standIn.child.on('message', onMessage);
    standIn.child.send({ type: 'report' });
  });
}

// ---------------------------------------------------------------- payloads

interface Payload {
  name: string;
  /** The raw body of the next request of this kind. */
  nextBody(): string;
}

/** The three interactions the bot acknowledges, as Slack would send them. */
function buildPayloads(standInBaseUrl: string): Payload[] {
  const context = { responseUrlBase: standInBaseUrl };
  const userId = 'U0BENCH001';
  const slash = slashCommandBody({ command: '/coach', text: 'help', userId }, context);
  // Slack gives every interaction its own trigger_id, refuses to open a second view with one and lets
  // it expire after 3 s: the button body gets a fresh one per request, which starts with the time it is
  // sent so that the stand-in can refuse it once expired as Slack would (and tell how late it came).
  const placeholder = `${'9'.repeat(13)}.${'9'.repeat(10)}.${'f'.repeat(32)}`;
  const session = randomBytes(16).toString('hex');
  const button = blockActionBody(
    { userId, actionId: 'tour_open', value: 'start', triggerId: placeholder },
    context,
  );
  let clicks = 0;
  const modal = viewSubmissionBody(
    { userId, callbackId: 'tour_step', values: {}, privateMetadata: '{"page":0}', title: 'Tour' },
    context,
  );
  return [
    { name: '/coach help (slash command)', nextBody: () => slash },
    {
      name: 'tour_open (button)',
      nextBody: () => {
        clicks += 1;
        return button.replace(placeholder, `${Date.now()}.${clicks}.${session}`);
      },
    },
    { name: 'tour_step (modal submission)', nextBody: () => modal },
  ];
}

function signedRequest(payload: Payload, signingSecret: string): autocannon.Request {
  return {
    method: 'POST',
    path: EVENTS_PATH,
    setupRequest: (request) => {
      const body = payload.nextBody();
      const timestamp = Math.floor(Date.now() / 1000);
      return {
        ...request,
        body,
        headers: { ...request.headers, ...signedHeaders(signingSecret, body, FORM, timestamp) },
      };
    },
  };
}

// ---------------------------------------------------------------- preflight

/** One request of each kind, checked by what it must answer, before any load. */
async function preflight(
  app: AppName,
  port: number,
  payloads: Payload[],
  signingSecret: string,
): Promise<string> {
  const answers: string[] = [];
  for (const payload of payloads) {
    const body = payload.nextBody();
    const response = await fetch(`http://127.0.0.1:${port}${EVENTS_PATH}`, {
      method: 'POST',
      headers: signedHeaders(signingSecret, body, FORM, Math.floor(Date.now() / 1000)),
      body,
    });
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(`${app} answered ${response.status} to ${payload.name}: ${text.slice(0, 200)}`);
    }
    answers.push(`${payload.name.split(' ')[0]} ${response.status} ${describeAck(text)}`);
  }
  return answers.join(', ');
}

function describeAck(text: string): string {
  if (text === '') return '(empty ack)';
  try {
    const parsed = JSON.parse(text) as {
      response_action?: string;
      response_type?: string;
      blocks?: unknown[];
    };
    if (parsed.response_action) return `(response_action=${parsed.response_action})`;
    if (parsed.blocks) return `(${parsed.response_type ?? 'message'}, ${parsed.blocks.length} blocks)`;
  } catch {
    // Not JSON: shown as is below.
  }
  return `(${text.slice(0, 40)})`;
}

// ---------------------------------------------------------------- load

interface Answer {
  /** performance.now() when the answer arrived. */
  at: number;
  /** Response time in ms, as measured (not rounded). */
  ms: number;
  status: number;
}

/** What one autocannon instance saw. */
interface LoadSample {
  answers: Answer[];
  ok: number;
  non2xx: number;
  errors: number;
  seconds: number;
}

interface Measurement {
  requestsPerSecond: number;
  /** e.g. "401 ×12" for every status outside 2xx. */
  failedStatuses: string;
  p50: number;
  p99: number;
  max: number;
  responses: number;
  non2xx: number;
  errors: number;
  /** CPU time the app process spent per answered request, in µs. */
  appCpuPerRequestUs: number;
  cpu: CpuShares;
  /** At a fixed rate: how late this process's own event loop ran (p99 and max, ms). */
  loadGeneratorLagMs?: { p99: number; max: number };
}

interface LoadOptions {
  port: number;
  requests: autocannon.Request[];
  seconds: number;
  connections: number;
  overallRate?: number;
}

/**
 * Latencies come from autocannon's per-response event rather than its histogram: the histogram keeps
 * whole milliseconds, and with a rate set it "corrects" for coordinated omission with a 1 ms interval,
 * which counts a 30 ms answer as 30 answers.
 */
function runAutocannon(options: LoadOptions): Promise<LoadSample> {
  const answers: Answer[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${options.port}`,
        connections: options.connections,
        duration: options.seconds,
        requests: options.requests,
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error);
        resolve({
          answers,
          ok: result['2xx'],
          non2xx: result.non2xx,
          errors: result.errors + result.mismatches,
          seconds: result.duration,
        });
      },
    );
    instance.on('response', (_client, status, _bytes, ms) =>
      answers.push({ at: performance.now(), ms, status }),
    );
  });
}

/** Cores busy (1 = one core for the whole measurement), from /proc: Linux only, like the rest of the setup. */
interface CpuShares {
  app: number;
  /** The app's main thread alone: the event loop that reads, verifies and acknowledges requests. */
  appMainThread: number;
  standIn: number;
  loadGenerator: number;
  /** Everything else on the machine: other engineers' tests, the bot's embedded PostgreSQL, the OS. */
  others: number;
  appSeconds: number;
}

interface CpuSnapshot {
  at: number;
  own: NodeJS.CpuUsage;
  app: number;
  appMainThread: number;
  standIn: number;
  machine: number;
}

async function processCpuSeconds(pid: number | undefined, thread?: number): Promise<number> {
  return (pid === undefined ? undefined : await procStat(pid, thread))?.cpuSeconds ?? Number.NaN;
}

async function cpuSnapshot({ app, standIn }: Pick<Processes, 'app' | 'standIn'>): Promise<CpuSnapshot> {
  const [appSeconds, appMainThreadSeconds, standInSeconds, machine] = await Promise.all([
    processCpuSeconds(app.child.pid),
    processCpuSeconds(app.child.pid, app.child.pid),
    processCpuSeconds(standIn.child.pid),
    machineBusySeconds(),
  ]);
  return {
    at: performance.now(),
    own: process.cpuUsage(),
    app: appSeconds,
    appMainThread: appMainThreadSeconds,
    standIn: standInSeconds,
    machine,
  };
}

function cpuSharesBetween(start: CpuSnapshot, end: CpuSnapshot): CpuShares {
  const wall = (end.at - start.at) / 1000;
  const own = (end.own.user + end.own.system - start.own.user - start.own.system) / 1e6;
  const app = (end.app - start.app) / wall;
  const standIn = (end.standIn - start.standIn) / wall;
  const loadGenerator = own / wall;
  const machine = (end.machine - start.machine) / wall;
  return {
    app,
    appMainThread: (end.appMainThread - start.appMainThread) / wall,
    standIn,
    loadGenerator,
    others: Math.max(0, machine - app - standIn - loadGenerator),
    appSeconds: end.app - start.app,
  };
}

interface Processes {
  app: Target;
  standIn: Target;
  /** Every child, to wait until none is still busy with work from the previous measurement. */
  all: Target[];
}

/**
 * The bot's views.open calls run after the ack, so some are still queued when a saturating measurement
 * ends; the next measurement starts once every child has (nearly) stopped using CPU.
 */
async function waitUntilIdle(targets: Target[]): Promise<void> {
  const cpuSeconds = async () =>
    (await Promise.all(targets.map((target) => processCpuSeconds(target.child.pid)))).reduce((a, b) => a + b);
  const deadline = performance.now() + IDLE_TIMEOUT_MS;
  let previous = await cpuSeconds();
  while (performance.now() < deadline) {
    await sleep(IDLE_PROBE_MS);
    const now = await cpuSeconds();
    if ((now - previous) / (IDLE_PROBE_MS / 1000) < IDLE_CORES) return;
    previous = now;
  }
  console.log(`  ! the apps were still busy ${IDLE_TIMEOUT_MS / 1000} s after the load stopped`);
}

/** As many requests as the app answers, on CONNECTIONS connections that each wait for their answer. */
async function measureThroughput(
  { app, standIn }: Processes,
  requests: autocannon.Request[],
  seconds: number,
): Promise<Measurement> {
  const before = await cpuSnapshot({ app, standIn });
  const sample = await runAutocannon({ port: app.port, requests, seconds, connections: CONNECTIONS });
  const cpu = cpuSharesBetween(before, await cpuSnapshot({ app, standIn }));
  return summarize(sample.answers, sample.ok / sample.seconds, [sample], cpu);
}

/**
 * autocannon paces a rate per connection and per second: a connection sends its whole budget for the
 * second back to back, then waits for the next second. One instance at 200 req/s over 10 connections
 * would send bursts of 10 concurrent requests and measure the queue in those bursts. Instead, lanes of
 * one connection at 1 req/s each start evenly over one second, as independent users clicking would.
 * Only answers arriving while every lane runs count: starting and stopping 200 autocannon instances
 * takes this process's time, which would show up as latency.
 */
async function measureAtFixedRate(
  { app, standIn }: Processes,
  requests: autocannon.Request[],
): Promise<Measurement> {
  const lanes = FIXED_RATE;
  const laneSeconds = FIXED_RATE_SECONDS + 1 + SETTLE_MS / 1000;
  const startedAt = performance.now();
  let allRunningAt = Number.POSITIVE_INFINITY;
  let before: CpuSnapshot | undefined;
  // This process sends the requests and times the answers: a late turn of its own event loop shows up
  // as latency of whichever app is measured, so it is measured too.
  const lag = monitorEventLoopDelay({ resolution: 1 });
  const samples = await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      await sleep((lane * 1000) / lanes);
      const sample = runAutocannon({
        port: app.port,
        requests,
        seconds: laneSeconds,
        connections: 1,
        overallRate: 1,
      });
      if (lane === lanes - 1) {
        allRunningAt = performance.now();
        await sleep(SETTLE_MS);
        lag.enable();
        before = await cpuSnapshot({ app, standIn });
      }
      return sample;
    }),
  );
  const windowStart = allRunningAt + SETTLE_MS;
  const windowEnd = startedAt + laneSeconds * 1000 - WINDOW_MARGIN_MS;
  const answers = samples
    .flatMap((sample) => sample.answers)
    .filter((answer) => answer.at >= windowStart && answer.at <= windowEnd);
  lag.disable();
  const cpu = cpuSharesBetween(before!, await cpuSnapshot({ app, standIn }));
  return {
    ...summarize(answers, (answers.length * 1000) / (windowEnd - windowStart), samples, cpu),
    loadGeneratorLagMs: { p99: lag.percentile(99) / 1e6, max: lag.max / 1e6 },
  };
}

function summarize(
  answers: Answer[],
  requestsPerSecond: number,
  samples: LoadSample[],
  cpu: CpuShares,
): Measurement {
  const latencies = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const sum = (pick: (sample: LoadSample) => number) => samples.reduce((total, s) => total + pick(s), 0);
  const answered = sum((sample) => sample.ok);
  return {
    requestsPerSecond,
    failedStatuses: countFailedStatuses(samples),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    max: latencies.at(-1) ?? Number.NaN,
    responses: latencies.length,
    non2xx: sum((sample) => sample.non2xx),
    errors: sum((sample) => sample.errors),
    appCpuPerRequestUs: (cpu.appSeconds * 1e6) / Math.max(1, answered),
    cpu,
  };
}

function countFailedStatuses(samples: LoadSample[]): string {
  const counts = new Map<number, number>();
  for (const { status } of samples.flatMap((sample) => sample.answers)) {
    if (status < 200 || status > 299) counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...counts].map(([status, count]) => `${status} ×${count}`).join(', ');
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function assertNoErrors(app: AppName, phase: string, measurement: Measurement): void {
  if (measurement.non2xx > 0 || measurement.errors > 0 || measurement.responses === 0) {
    throw new Error(
      `${app} ${phase}: ${measurement.non2xx} non-2xx answers (${measurement.failedStatuses || 'none'}), ` +
        `${measurement.errors} connection errors, ${measurement.responses} answers counted ` +
        '(401 would mean the signing is wrong)',
    );
  }
}

interface AppRound {
  round: number;
  app: AppName;
  throughput: Measurement;
  atFixedRate: Measurement;
}

async function measureApp(
  round: number,
  processes: Processes,
  requests: autocannon.Request[],
): Promise<AppRound> {
  const app = processes.app.role as AppName;
  await waitUntilIdle(processes.all);
  assertNoErrors(app, 'warm-up', await measureThroughput(processes, requests, WARMUP_SECONDS));
  const throughput = await measureThroughput(processes, requests, THROUGHPUT_SECONDS);
  assertNoErrors(app, 'throughput', throughput);
  await waitUntilIdle(processes.all);
  const atFixedRate = await measureAtFixedRate(processes, requests);
  assertNoErrors(app, `${FIXED_RATE} req/s`, atFixedRate);
  assertAlive(processes.app);
  const { cpu } = throughput;
  console.log(
    `  round ${round} ${app.padEnd(4)}  throughput ${fmt(throughput.requestsPerSecond, 0)} req/s, ` +
      `${fmt(throughput.appCpuPerRequestUs, 0)} µs CPU/request; cores busy: app ${fmt(cpu.app, 2)} (main thread ${fmt(cpu.appMainThread, 2)}), ` +
      `stand-in ${fmt(cpu.standIn, 2)}, autocannon ${fmt(cpu.loadGenerator, 2)}, others ${fmt(cpu.others, 2)}`,
  );
  console.log(
    `${' '.repeat(16)}at ${FIXED_RATE} req/s: answered ${fmt(atFixedRate.requestsPerSecond, 0)}/s, ` +
      `p50 ${fmt(atFixedRate.p50)} ms, p99 ${fmt(atFixedRate.p99)} ms, max ${fmt(atFixedRate.max)} ms; ` +
      `others ${fmt(atFixedRate.cpu.others, 2)}; autocannon's event loop late by p99 ` +
      `${fmt(atFixedRate.loadGeneratorLagMs?.p99 ?? Number.NaN)} ms, max ${fmt(atFixedRate.loadGeneratorLagMs?.max ?? Number.NaN)} ms`,
  );
  const disturbed = Math.max(cpu.others, atFixedRate.cpu.others);
  if (disturbed > DISTURBED_CORES) {
    console.log(
      `  ! other processes kept ${fmt(disturbed, 2)} cores busy during this measurement: its figures are disturbed`,
    );
  }
  return { round, app, throughput, atFixedRate };
}

/** The bot opens a view on the stand-in for every button click; all of those must have succeeded. */
async function checkBotWebApiCalls(standIn: Target, bot: Target): Promise<string> {
  await waitUntilIdle([standIn, bot]);
  const report = await standInReport(standIn);
  if (report.failed > 0) {
    throw new Error(`the stand-in refused ${report.failed} of the bot's calls: ${report.errors.join('; ')}`);
  }
  const calls = Object.entries(report.callsByMethod).map(([method, count]) => `${method} ×${count}`);
  const delays = [...report.openDelaysMs].sort((a, b) => a - b);
  const opened =
    delays.length === 0
      ? ''
      : `; views.open arrived p50 ${fmt(percentile(delays, 0.5), 0)} ms, p99 ${fmt(percentile(delays, 0.99), 0)} ms, ` +
        `max ${fmt(delays.at(-1) ?? Number.NaN, 0)} ms after the click was sent (Slack's limit: 3,000)`;
  return `Web API calls on the stand-in: ${calls.join(', ') || 'none'}; 0 failed${opened}`;
}

// ---------------------------------------------------------------- report

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The figures the table shows for one app in one round (or their medians over the rounds). */
interface Figures {
  requestsPerSecond: number;
  cpuPerRequestUs: number;
  throughputP50: number;
  throughputP99: number;
  fixedRateP50: number;
  fixedRateP99: number;
  fixedRateMax: number;
  /** The most cores other processes used during either measurement. */
  others: number;
}

function figuresOf({ throughput, atFixedRate }: AppRound): Figures {
  return {
    requestsPerSecond: throughput.requestsPerSecond,
    cpuPerRequestUs: throughput.appCpuPerRequestUs,
    throughputP50: throughput.p50,
    throughputP99: throughput.p99,
    fixedRateP50: atFixedRate.p50,
    fixedRateP99: atFixedRate.p99,
    fixedRateMax: atFixedRate.max,
    others: Math.max(throughput.cpu.others, atFixedRate.cpu.others),
  };
}

function medianFigures(rounds: AppRound[]): Figures {
  const all = rounds.map(figuresOf);
  const of = (key: keyof Figures) => median(all.map((figures) => figures[key]));
  return {
    requestsPerSecond: of('requestsPerSecond'),
    cpuPerRequestUs: of('cpuPerRequestUs'),
    throughputP50: of('throughputP50'),
    throughputP99: of('throughputP99'),
    fixedRateP50: of('fixedRateP50'),
    fixedRateP99: of('fixedRateP99'),
    fixedRateMax: of('fixedRateMax'),
    others: of('others'),
  };
}

const COLUMN_WIDTHS = [7, 5, 8, 10, 7, 7, 7, 7, 7, 7];

function tableRow(cells: string[]): string {
  return cells
    .map((cell, i) => (i < 2 ? cell.padEnd(COLUMN_WIDTHS[i]!) : cell.padStart(COLUMN_WIDTHS[i]!)))
    .join(' ');
}

function groupHeader(): string {
  const width = (from: number, to: number) =>
    COLUMN_WIDTHS.slice(from, to).reduce((sum, w) => sum + w + 1, 0);
  return (
    ' '.repeat(width(0, 2)) +
    `throughput, ${CONNECTIONS} connections`.padStart(width(2, 6) - 1).padEnd(width(2, 6)) +
    `at ${FIXED_RATE} req/s`.padStart(width(6, 9) - 1).padEnd(width(6, 9)) +
    'others'.padStart(COLUMN_WIDTHS[9]!)
  );
}

function figureCells(f: Figures): string[] {
  return [
    fmt(f.requestsPerSecond, 0),
    fmt(f.cpuPerRequestUs, 0),
    fmt(f.throughputP50),
    fmt(f.throughputP99),
    fmt(f.fixedRateP50),
    fmt(f.fixedRateP99),
    fmt(f.fixedRateMax),
    fmt(f.others, 2),
  ];
}

function printResults(results: AppRound[]): void {
  const of = (app: AppName) => results.filter((r) => r.app === app);
  const ratios = of('bot').map((bot) => {
    const bare = results.find((r) => r.app === 'bare' && r.round === bot.round)!;
    return bot.throughput.requestsPerSecond / bare.throughput.requestsPerSecond;
  });
  console.log(`\n${groupHeader()}`);
  console.log(
    tableRow([
      'round',
      'app',
      'req/s',
      'CPU µs/req',
      'p50 ms',
      'p99 ms',
      'p50 ms',
      'p99 ms',
      'max ms',
      'cores',
    ]),
  );
  for (const r of results) console.log(tableRow([String(r.round), r.app, ...figureCells(figuresOf(r))]));
  for (const app of ['bare', 'bot'] as const) {
    console.log(tableRow(['median', app, ...figureCells(medianFigures(of(app)))]));
  }
  console.log('non-2xx answers: 0, connection errors: 0 (checked after every measurement);');
  console.log(
    `others: cores busy outside the benchmark's processes (> ${DISTURBED_CORES} flags a disturbed measurement)`,
  );
  console.log(`throughput ratio bot/bare per round: ${ratios.map((r) => fmt(r, 2)).join(', ')}\n`);

  const ratio = median(ratios);
  const botP99 = medianFigures(of('bot')).fixedRateP99;
  const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
  console.log(
    `throughput ratio bot/bare = ${fmt(ratio, 2)} (goal ≥ ${fmt(GOAL_THROUGHPUT_RATIO, 2)}) — ${verdict(ratio >= GOAL_THROUGHPUT_RATIO)}`,
  );
  console.log(
    `bot p99 at ${FIXED_RATE} req/s = ${fmt(botP99)} ms (goal < ${GOAL_P99_MS} ms) — ${verdict(botP99 < GOAL_P99_MS)}`,
  );
}

async function printSetup(database: string, payloads: Payload[]): Promise<void> {
  const gib = (os.totalmem() / 2 ** 30).toFixed(1);
  console.log(`ack benchmark: real bot vs bare Bolt app that only calls ack() — ${new Date().toISOString()}`);
  console.log(
    `machine    ${os.availableParallelism()} CPUs, ${await cpuModel()}, ${gib} GiB RAM, node ${process.version}, load average ${os.loadavg()[0]!.toFixed(2)}`,
  );
  console.log('processes  autocannon here; Slack stand-in, bare app and bot each in a child process');
  console.log(`payloads   cycled in turn on each connection: ${payloads.map((p) => p.name).join(', ')}`);
  console.log(
    '           every request re-signed with a fresh timestamp; every button with a fresh trigger_id',
  );
  console.log(
    `throughput ${CONNECTIONS} connections, ${WARMUP_SECONDS} s warm-up (discarded) + ${THROUGHPUT_SECONDS} s`,
  );
  console.log(
    `latency    ${FIXED_RATE} req/s for ${FIXED_RATE_SECONDS} s: ${FIXED_RATE} autocannon instances of 1 connection at 1 req/s, started ${fmt(1000 / FIXED_RATE)} ms apart; answers counted from ${fmt(SETTLE_MS / 1000, 0)} s after the last start`,
  );
  console.log('           latencies: every response time as measured, no coordinated-omission correction');
  console.log(
    `rounds     ${ROUNDS}, bare → bot in odd rounds, bot → bare in even ones; both stay up for the whole run`,
  );
  console.log(`database   ${database}`);
  console.log(
    `bot        LOG_LEVEL=info, log lines written to /dev/null (pino async destination); metrics ${process.env.METRICS_TOKEN ? 'on (METRICS_TOKEN set)' : 'off (METRICS_TOKEN unset)'}\n`,
  );
}

// ---------------------------------------------------------------- main

/** Processes whose command line mentions `text`, e.g. a PostgreSQL server left running on our data dir. */
async function processesMentioning(text: string): Promise<string[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  const commands = await Promise.all(
    pids.map(async (pid) => {
      const command = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
      return command.includes(text) ? `${pid} ${command.replaceAll('\0', ' ').trim()}` : undefined;
    }),
  );
  return commands.filter((command): command is string => command !== undefined);
}

async function removeDataDir(dataDir: string): Promise<void> {
  const leftovers = await processesMentioning(dataDir);
  if (leftovers.length > 0) {
    throw new Error(`processes still use ${dataDir} after the bot stopped:\n${leftovers.join('\n')}`);
  }
  await rm(dataDir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const cleanups = cleanUpStack();
  const startTracked = async (role: Role, env: Record<string, string>) => {
    const target = await startTarget(role, env);
    cleanups.push(`stop ${role}`, () => stopTarget(target));
    return target;
  };

  try {
    const signingSecret = randomBytes(16).toString('hex');
    const botToken = `xoxb-bench-${randomBytes(8).toString('hex')}`;
    const databaseUrl = process.env.DATABASE_URL;
    const dataDir = databaseUrl ? undefined : await mkdtemp(path.join(os.tmpdir(), 'ack-bench-'));
    if (dataDir) cleanups.push(`remove ${dataDir}`, () => removeDataDir(dataDir));

    const standIn = await startTracked('stand-in', { SLACK_BOT_TOKEN: botToken });
    const payloads = buildPayloads(new URL(standIn.apiUrl!).origin);
    await printSetup(
      databaseUrl
        ? 'DATABASE_URL from the environment'
        : `embedded PostgreSQL in ${dataDir} (DATABASE_URL unset)`,
      payloads,
    );

    const appEnv = {
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_BOT_TOKEN: botToken,
      SLACK_API_URL: standIn.apiUrl!,
      ...(dataDir ? { DATA_DIR: dataDir } : {}),
    };
    const started = performance.now();
    const [bare, bot] = await Promise.all([startTracked('bare', appEnv), startTracked('bot', appEnv)]);
    console.log(`started bare app and bot in ${seconds(started)} s`);

    for (const target of [bare, bot]) {
      const answers = await preflight(target.role as AppName, target.port, payloads, signingSecret);
      console.log(`preflight ${target.role.padEnd(4)}  ${answers}`);
    }
    console.log(`preflight bot   ${await checkBotWebApiCalls(standIn, bot)}\n`);

    const only = process.env.ACK_ONLY;
    const requests = payloads
      .filter((payload) => !only || payload.name.startsWith(only))
      .map((payload) => signedRequest(payload, signingSecret));
    const results: AppRound[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const all = [standIn, bare, bot];
      // bare → bot, then bot → bare: a machine that speeds up or slows down during the run favours
      // neither app (its speed drifted by up to 2× within minutes on the 2026-12-05 machine).
      const order = round % 2 === 1 ? [bare, bot] : [bot, bare];
      for (const app of order) {
        results.push(await measureApp(round, { app, standIn, all }, requests));
        if (app === bot) console.log(`  round ${round} bot   ${await checkBotWebApiCalls(standIn, bot)}`);
      }
    }
    printResults(results);
  } finally {
    const stopping = performance.now();
    await cleanups.cleanUp();
    console.log(
      `\nstopped every process and removed the temporary data in ${seconds(stopping)} s; whole run ${seconds(startedAt)} s`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nack benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
