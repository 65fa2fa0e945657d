import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { NewOutboxMessage } from '../src/db/schema.js';
import { systemClock } from '../src/domain/clock.js';
import { createLogger } from '../src/logger.js';
import { startBot } from '../src/main.js';
import { createBotMetrics } from '../src/metrics/bot-metrics.js';
import { type ScheduledJob, Scheduler } from '../src/scheduler.js';
import { startSetupServer } from '../src/setup/server.js';
import { startTestBot, type TestBot, useBotBehindProxy } from './support/bot.js';
import { CapturedLogs } from './support/captured-logs.js';
import { MovableClock } from './support/clock.js';
import { eventually, seedPerson, seedTeam, tick, WORKSPACE_ID } from './support/coaching.js';
import { useTestDatabase } from './support/database.js';
import { ALWAYS_WORKING, promptDueOneMinuteAgo } from './support/due-now.js';
import { parseSamples, type Sample, sampleValue } from './support/prometheus.js';

const TOKEN = randomBytes(24).toString('hex');
const MINUTE = 60_000;

/** Every metric README.md's Monitoring table lists by full name. */
const DOCUMENTED_METRICS = [
  'sales_coach_outbox_messages',
  'sales_coach_outbox_oldest_due_seconds',
  'sales_coach_outbox_scrape_errors_total',
  'sales_coach_outbox_sent_total',
  'sales_coach_outbox_failed_total',
  'sales_coach_outbox_dropped_total',
  'sales_coach_outbox_retries_total',
  'sales_coach_slack_rate_limited_total',
  'sales_coach_outbox_worker_errors_total',
  'sales_coach_job_duration_seconds',
  'sales_coach_job_failures_total',
  'sales_coach_slack_requests_total',
  'sales_coach_listener_errors_total',
  'sales_coach_process_cpu_seconds_total',
  'sales_coach_process_resident_memory_bytes',
  'sales_coach_nodejs_eventloop_lag_seconds',
  'sales_coach_nodejs_heap_size_used_bytes',
  'sales_coach_nodejs_gc_duration_seconds',
];

function getMetrics(baseUrl: string, authorization?: string): Promise<Response> {
  return fetch(`${baseUrl}/metrics`, { headers: authorization === undefined ? {} : { authorization } });
}

async function scrape(target: { baseUrl: string }, token = TOKEN): Promise<Sample[]> {
  const response = await getMetrics(target.baseUrl, `Bearer ${token}`);
  expect(response.status).toBe(200);
  return parseSamples(await response.text());
}

/** The sample's value, or 0 where the series is absent (a counter that has not moved yet). */
const valueOr0 = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  sampleValue(samples, name, labels) ?? 0;

describe('GET /metrics on a bot with METRICS_TOKEN', () => {
  const fixture = useBotBehindProxy({ env: { METRICS_TOKEN: TOKEN, DELIVERY_RATE_PER_MINUTE: '60000' } });
  // Real time: the bot's worker sends what the test's tick queues as soon as it is due.
  const clock = new MovableClock();
  let people = 0;

  const slashCommands = (samples: Sample[]) =>
    valueOr0(samples, 'sales_coach_slack_requests_total', { type: 'slash_command' });
  const coachHelp = (target: TestBot) =>
    target.driver.slashCommand({ command: '/coach', text: 'help', userId: 'UHELP00001' });

  it('is 404 on a bot without METRICS_TOKEN, whatever the request carries', async () => {
    const unmonitored = await startTestBot({ standIn: fixture.standIn, databaseUrl: fixture.database.url });
    try {
      expect((await getMetrics(unmonitored.baseUrl, `Bearer ${TOKEN}`)).status).toBe(404);
      expect((await getMetrics(unmonitored.baseUrl)).status).toBe(404);
      expect((await fetch(`${unmonitored.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await unmonitored.stop();
    }
  });

  it('is 401 without the right bearer token, and says nothing about the metrics', async () => {
    const refused = [
      undefined,
      '',
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.toUpperCase()}`,
      `Bearer ${randomBytes(24).toString('hex')}`,
    ];
    for (const authorization of refused) {
      const response = await getMetrics(fixture.bot.baseUrl, authorization);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(await response.text()).not.toContain('sales_coach_');
    }
  });

  it('answers the right token with prom-client’s content type and every documented metric', async () => {
    for (const scheme of ['Bearer', 'bearer']) {
      const response = await getMetrics(fixture.bot.baseUrl, `${scheme} ${TOKEN}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
      const text = await response.text();
      for (const name of DOCUMENTED_METRICS) expect(text).toContain(`# TYPE ${name} `);
      expect(sampleValue(parseSamples(text), 'sales_coach_process_cpu_seconds_total')).toBeGreaterThan(0);
    }
  });

  it('counts a /coach help as exactly one slash command, and no request whose signature is forged', async () => {
    const before = await scrape(fixture.bot);
    const help = await coachHelp(fixture.bot);
    expect(help.status).toBe(200);
    const forged = await fixture.bot.driver.slashCommand(
      { command: '/coach', text: 'help', userId: 'UHELP00001' },
      { signature: 'forged' },
    );
    expect(forged.status).toBe(401);
    const after = await scrape(fixture.bot);
    expect(slashCommands(after) - slashCommands(before)).toBe(1);
    for (const type of ['block_actions', 'view_submission', 'event', 'other']) {
      expect(sampleValue(after, 'sales_coach_slack_requests_total', { type })).toBe(
        sampleValue(before, 'sales_coach_slack_requests_total', { type }),
      );
    }
  });

  it('reports the outbox by kind and status, and how long the oldest due message has waited', async () => {
    const { db } = fixture.database;
    const now = Date.now();
    const at = (offsetMs: number) => new Date(now + offsetMs);
    const before = await scrape(fixture.bot);
    expect(sampleValue(before, 'sales_coach_outbox_oldest_due_seconds')).toBe(0);

    // Not reps: the bot's own ticks must queue nothing for them. Every unfinished row is out of the
    // worker's reach (retried tomorrow, or leased by another replica), so the numbers hold still.
    const row = async (
      kind: NewOutboxMessage['kind'],
      status: NewOutboxMessage['status'],
      times: { dueAt: Date; updatedAt?: Date },
    ): Promise<string> => {
      const slackUserId = `UGAUGE${String(++people).padStart(4, '0')}`;
      const personId = await seedPerson(db, { slackUserId, isRep: false });
      const inserted = await db
        .insertInto('outbox_messages')
        .values({
          workspace_id: WORKSPACE_ID,
          person_id: personId,
          kind,
          local_date: '2026-11-24',
          due_at: times.dueAt,
          expires_at: at(24 * 60 * MINUTE),
          status,
          next_attempt_at: at(24 * 60 * MINUTE),
          ...(status === 'sending' ? { lease_until: at(60 * MINUTE), leased_by: 'another-replica' } : {}),
          updated_at: times.updatedAt ?? at(0),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return inserted.id;
    };
    const ids = [
      await row('prompt', 'pending', { dueAt: at(-10 * MINUTE) }),
      await row('prompt', 'pending', { dueAt: at(60 * MINUTE) }),
      await row('reminder', 'sending', { dueAt: at(-3 * MINUTE) }),
      await row('digest', 'failed', { dueAt: at(-2 * 60 * MINUTE), updatedAt: at(-60 * MINUTE) }),
      // Closed two days ago: outside the window, and not read at all.
      await row('digest', 'failed', { dueAt: at(-49 * 60 * MINUTE), updatedAt: at(-48 * 60 * MINUTE) }),
      await row('review_reminder', 'dropped', { dueAt: at(-60 * MINUTE), updatedAt: at(-5 * MINUTE) }),
      await row('prompt', 'sent', { dueAt: at(-20 * MINUTE) }),
    ];
    try {
      const after = await scrape(fixture.bot);
      const moved = (kind: string, status: string) =>
        valueOr0(after, 'sales_coach_outbox_messages', { kind, status }) -
        valueOr0(before, 'sales_coach_outbox_messages', { kind, status });
      expect(moved('prompt', 'pending')).toBe(2);
      expect(moved('reminder', 'sending')).toBe(1);
      expect(moved('digest', 'failed')).toBe(1);
      expect(moved('review_reminder', 'dropped')).toBe(1);
      expect(moved('prompt', 'failed')).toBe(0);
      // Every kind and status is there from the start, at 0 until something happens.
      expect(
        sampleValue(after, 'sales_coach_outbox_messages', { kind: 'review_reminder', status: 'sending' }),
      ).toBe(0);
      expect(
        after.filter((s) => s.name === 'sales_coach_outbox_messages' && s.labels.status === 'sent'),
      ).toEqual([]);
      // The pending prompt due ten minutes ago, not the one sent twenty minutes ago or the one due later.
      const oldest = sampleValue(after, 'sales_coach_outbox_oldest_due_seconds') as number;
      expect(oldest).toBeGreaterThanOrEqual(600);
      expect(oldest).toBeLessThan(600 + 30);
    } finally {
      await db.deleteFrom('outbox_messages').where('id', 'in', ids).execute();
    }
    expect(sampleValue(await scrape(fixture.bot), 'sales_coach_outbox_oldest_due_seconds')).toBe(0);
  });

  it('counts a message the worker delivers, and one Slack refuses for good with Slack’s reason', async () => {
    const { db } = fixture.database;
    const schedule = promptDueOneMinuteAgo(clock.now());
    const teamId = await seedTeam(db, {
      name: 'Metrics',
      timezone: schedule.timezone,
      promptTime: schedule.promptTime,
      ...ALWAYS_WORKING,
    });
    const promptedRep = async () => {
      const slackUserId = `UDELIV${String(++people).padStart(4, '0')}`;
      fixture.standIn.addUser({ id: slackUserId });
      const personId = await seedPerson(db, { slackUserId, teamId });
      await tick(db, clock);
      return eventually(() =>
        db
          .selectFrom('outbox_messages')
          .select(['status', 'failure_reason'])
          .where('person_id', '=', personId)
          .where('status', 'in', ['sent', 'failed'])
          .executeTakeFirst(),
      );
    };
    const sent = (samples: Sample[]) =>
      valueOr0(samples, 'sales_coach_outbox_sent_total', { kind: 'prompt' });
    const inactive = (samples: Sample[]) =>
      valueOr0(samples, 'sales_coach_outbox_failed_total', { kind: 'prompt', reason: 'account_inactive' });

    const before = await scrape(fixture.bot);
    expect(await promptedRep()).toEqual({ status: 'sent', failure_reason: null });
    const afterSent = await scrape(fixture.bot);
    expect(sent(afterSent) - sent(before)).toBe(1);
    expect(inactive(afterSent)).toBe(0);

    fixture.standIn.fail('chat.postMessage', { kind: 'error', error: 'account_inactive' });
    expect(await promptedRep()).toEqual({ status: 'failed', failure_reason: 'account_inactive' });
    const afterFailed = await scrape(fixture.bot);
    expect(inactive(afterFailed)).toBe(1);
    expect(sent(afterFailed)).toBe(sent(afterSent));
  });

  it('times the scheduled jobs: the tick at start has a sample, every job is listed from the start', async () => {
    const samples = await eventually(async () => {
      const current = await scrape(fixture.bot);
      const runs = valueOr0(current, 'sales_coach_job_duration_seconds_count', {
        job: 'enqueue-due-messages',
      });
      return runs >= 1 ? current : undefined;
    });
    expect(
      sampleValue(samples, 'sales_coach_job_duration_seconds_sum', { job: 'enqueue-due-messages' }),
    ).toBeGreaterThan(0);
    expect(sampleValue(samples, 'sales_coach_job_failures_total', { job: 'enqueue-due-messages' })).toBe(0);
    for (const job of ['forget-old-slack-event-ids', 'refresh-slack-profiles', 'post-weekly-standings']) {
      expect(sampleValue(samples, 'sales_coach_job_duration_seconds_count', { job }), job).toBeDefined();
      expect(sampleValue(samples, 'sales_coach_job_failures_total', { job }), job).toBe(0);
    }
  });

  it('keeps two bots in one process apart: each has its own registry, token and counts', async () => {
    const otherToken = randomBytes(24).toString('hex');
    const other = await startTestBot({
      standIn: fixture.standIn,
      databaseUrl: fixture.database.url,
      env: { METRICS_TOKEN: otherToken },
    });
    try {
      expect((await getMetrics(other.baseUrl, `Bearer ${TOKEN}`)).status).toBe(401);
      const first = { mine: await scrape(fixture.bot), theirs: await scrape(other, otherToken) };
      expect(slashCommands(first.theirs)).toBe(0);

      expect((await coachHelp(fixture.bot)).status).toBe(200);
      const second = { mine: await scrape(fixture.bot), theirs: await scrape(other, otherToken) };
      expect(slashCommands(second.mine) - slashCommands(first.mine)).toBe(1);
      expect(slashCommands(second.theirs)).toBe(0);

      expect((await coachHelp(other)).status).toBe(200);
      expect((await coachHelp(other)).status).toBe(200);
      const third = { mine: await scrape(fixture.bot), theirs: await scrape(other, otherToken) };
      expect(slashCommands(third.theirs)).toBe(2);
      expect(slashCommands(third.mine)).toBe(slashCommands(second.mine));
      expect(other.logs.text).not.toContain(otherToken);
    } finally {
      await other.stop();
    }
  });

  it('still answers while the database is down: process metrics yes, outbox gauges no, one error counted', async () => {
    const errors = (samples: Sample[]) => valueOr0(samples, 'sales_coach_outbox_scrape_errors_total');
    const before = await scrape(fixture.bot);
    expect(sampleValue(before, 'sales_coach_outbox_oldest_due_seconds')).toBeDefined();

    fixture.proxy.cut();
    try {
      const started = Date.now();
      const during = await scrape(fixture.bot);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(sampleValue(during, 'sales_coach_process_cpu_seconds_total')).toBeGreaterThan(0);
      expect(sampleValue(during, 'sales_coach_outbox_oldest_due_seconds')).toBeUndefined();
      expect(during.filter((sample) => sample.name === 'sales_coach_outbox_messages')).toEqual([]);
      // Both gauges come from one read: one failed scrape is one error.
      expect(errors(during) - errors(before)).toBe(1);
    } finally {
      fixture.proxy.restore();
    }
    await eventually(async () => {
      const current = await scrape(fixture.bot);
      return sampleValue(current, 'sales_coach_outbox_oldest_due_seconds') === undefined ? undefined : true;
    }, 15_000);
  });

  it('never writes the token to the logs, even when it travels in a logged URL', async () => {
    expect((await fetch(`${fixture.bot.baseUrl}/nowhere?token=${TOKEN}`)).status).toBe(404);
    await eventually(() =>
      fixture.bot.logs.lines.find(
        (line) => line.includes('Unhandled HTTP request') && line.includes('/nowhere'),
      ),
    );
    const logged = fixture.bot.logs.lines.find((line) => line.includes('/nowhere')) as string;
    expect(logged).toContain('token=[REDACTED]');
    expect(fixture.bot.logs.text).not.toContain(TOKEN);
  });
});

describe('GET /metrics before Slack is configured', () => {
  const database = useTestDatabase();

  it('is served by the setup server next to the health routes, behind the same token', async () => {
    const logs = new CapturedLogs();
    const bot = await startBot(
      { DATABASE_URL: database.current.url, PORT: '0', LOG_LEVEL: 'debug', METRICS_TOKEN: TOKEN },
      { logDestination: logs },
    );
    try {
      const baseUrl = `http://127.0.0.1:${bot.port}`;
      expect((await getMetrics(baseUrl)).status).toBe(401);
      const samples = await scrape({ baseUrl });
      expect(sampleValue(samples, 'sales_coach_process_cpu_seconds_total')).toBeGreaterThan(0);
      expect(sampleValue(samples, 'sales_coach_outbox_oldest_due_seconds')).toBe(0);
      expect(logs.text).not.toContain(TOKEN);
    } finally {
      await bot.stop();
    }
  });
});

describe('the scheduler’s metrics', () => {
  const database = useTestDatabase();
  const silent = createLogger({ level: 'silent', secrets: [] });
  // Never due while the test runs: runOnce is what a tick calls.
  const NEVER = '0 0 1 1 *';

  it('time every run of every job and count the runs that threw, per job', async () => {
    const metrics = createBotMetrics({
      db: database.current.db,
      clock: systemClock,
      logger: silent,
      token: TOKEN,
    });
    const server = await startSetupServer({ port: 0, routes: [metrics.route], guide: () => '' });
    const naps: ScheduledJob = { name: 'naps', cron: NEVER, run: () => sleep(50) };
    const explodes: ScheduledJob = {
      name: 'explodes',
      cron: NEVER,
      run: async () => {
        throw new Error('boom');
      },
    };
    const idle: ScheduledJob = { name: 'idle', cron: NEVER, run: async () => {} };
    const scheduler = new Scheduler([naps, explodes, idle], silent, metrics.jobs);
    scheduler.start();
    try {
      await scheduler.runOnce(naps);
      await scheduler.runOnce(explodes);
      await scheduler.runOnce(explodes);
      const samples = await scrape({ baseUrl: `http://127.0.0.1:${server.port}` });
      const runs = (job: string) => sampleValue(samples, 'sales_coach_job_duration_seconds_count', { job });
      const failures = (job: string) => sampleValue(samples, 'sales_coach_job_failures_total', { job });
      expect([runs('naps'), runs('explodes'), runs('idle')]).toEqual([1, 2, 0]);
      expect([failures('naps'), failures('explodes'), failures('idle')]).toEqual([0, 2, 0]);
      expect(
        sampleValue(samples, 'sales_coach_job_duration_seconds_sum', { job: 'naps' }),
      ).toBeGreaterThanOrEqual(0.045);
      // A 50 ms run is above the 10 ms bucket and inside the 10 s one.
      const bucket = (le: string) =>
        sampleValue(samples, 'sales_coach_job_duration_seconds_bucket', { job: 'naps', le });
      expect([bucket('0.01'), bucket('10'), bucket('+Inf')]).toEqual([0, 1, 1]);
    } finally {
      await scheduler.stop(1_000);
      await server.stop();
    }
  });
});
