import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/database.js';
import type { DeliveryMetrics } from '../delivery/ports.js';
import type { Clock } from '../domain/clock.js';
import type { HttpRoute } from '../http-route.js';
import type { Logger } from '../logger.js';
import type { JobMetrics } from '../scheduler.js';
import {
  SLACK_REQUEST_TYPES,
  type SlackRequestType,
  type SlackTrafficMetrics,
} from '../slack/middleware/count-requests.js';
import { metricsRoute } from './endpoint.js';
import { boundedLabel, OUTBOX_KINDS, SLACK_ERROR_CODE } from './labels.js';
import { registerOutboxState } from './outbox-state.js';

/** Every name the bot exposes starts with this; its own are spelled out whole so a search finds them. */
const PREFIX = 'sales_coach_';

/** A scrape must answer well inside Prometheus's default 10 s scrape timeout, database or not. */
const OUTBOX_QUERY_TIMEOUT_MS = 2_000;

/** Distinct failure reasons kept as labels; Slack's permanent errors for a DM are a dozen or so. */
const FAILURE_REASON_LIMIT = 30;

/**
 * Scheduled jobs tick every minute and usually take milliseconds; the upper buckets tell a slow
 * minute (a large fan-out, a slow database) from a job that overruns its minute.
 */
const JOB_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** One bot's metrics: its own registry (never prom-client's global one), and the ports that feed it. */
export interface BotMetrics {
  /** GET /metrics on the bot's port, behind the bearer token. */
  route: HttpRoute;
  delivery: DeliveryMetrics;
  jobs: JobMetrics;
  slack: SlackTrafficMetrics;
}

/**
 * Called once per bot by the composition root. Several bots in one process (the tests) each get a
 * registry of their own, so no count is shared and no name is registered twice.
 */
export function createBotMetrics(options: {
  db: Db;
  clock: Clock;
  logger: Logger;
  token: string;
}): BotMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: PREFIX });
  registerOutboxState(registry, {
    db: options.db,
    clock: options.clock,
    logger: options.logger,
    timeoutMs: OUTBOX_QUERY_TIMEOUT_MS,
  });
  return {
    route: metricsRoute(registry, options.token, options.logger),
    delivery: deliveryMetrics(registry),
    jobs: jobMetrics(registry),
    slack: slackTrafficMetrics(registry),
  };
}

function deliveryMetrics(registry: Registry): DeliveryMetrics {
  const registers = [registry];
  const sent = new Counter({
    name: 'sales_coach_outbox_sent_total',
    help: 'Outbox messages posted to Slack and marked sent, by kind.',
    labelNames: ['kind'],
    registers,
  });
  const failed = new Counter({
    name: 'sales_coach_outbox_failed_total',
    help: "Outbox messages given up as failed, by kind and reason: Slack's error code, or retries_exhausted.",
    labelNames: ['kind', 'reason'],
    registers,
  });
  const dropped = new Counter({
    name: 'sales_coach_outbox_dropped_total',
    help: 'Outbox messages closed unsent, by kind and reason: expired (too late to be useful) or not_needed.',
    labelNames: ['kind', 'reason'],
    registers,
  });
  const retries = new Counter({
    name: 'sales_coach_outbox_retries_total',
    help: 'Sends that failed transiently (5xx, timeout, network) and were rescheduled with backoff, by kind.',
    labelNames: ['kind'],
    registers,
  });
  const rateLimited = new Counter({
    name: 'sales_coach_slack_rate_limited_total',
    help: "Sends Slack answered with 429; the workspace's sending paused for its Retry-After.",
    registers,
  });
  const workerErrors = new Counter({
    name: 'sales_coach_outbox_worker_errors_total',
    help: 'Delivery rounds or messages interrupted by an error outside Slack (the database, most likely).',
    registers,
  });
  for (const kind of OUTBOX_KINDS) {
    sent.inc({ kind }, 0);
    retries.inc({ kind }, 0);
  }
  const reasonLabel = boundedLabel({ shape: SLACK_ERROR_CODE, limit: FAILURE_REASON_LIMIT });
  return {
    delivered: (kind) => sent.inc({ kind }),
    failed: (kind, reason) => failed.inc({ kind, reason: reasonLabel(reason) }),
    dropped: (kind, reason) => dropped.inc({ kind, reason }),
    retried: (kind) => retries.inc({ kind }),
    rateLimited: () => rateLimited.inc(),
    workerError: () => workerErrors.inc(),
  };
}

function jobMetrics(registry: Registry): JobMetrics {
  const duration = new Histogram({
    name: 'sales_coach_job_duration_seconds',
    help: 'Wall time of each scheduled job run, failed runs included, by job.',
    labelNames: ['job'],
    buckets: JOB_DURATION_BUCKETS,
    registers: [registry],
  });
  const failures = new Counter({
    name: 'sales_coach_job_failures_total',
    help: 'Scheduled job runs that threw, by job.',
    labelNames: ['job'],
    registers: [registry],
  });
  return {
    scheduled(jobs) {
      for (const job of jobs) {
        duration.zero({ job });
        failures.inc({ job }, 0);
      }
    },
    ran(job, seconds, outcome) {
      duration.observe({ job }, seconds);
      if (outcome === 'failed') failures.inc({ job });
    },
  };
}

function slackTrafficMetrics(registry: Registry): SlackTrafficMetrics {
  // Plain numbers on the ack path, copied into the counter when scraped: prom-client's inc() would
  // hash and validate the label set on every request.
  const requests = Object.fromEntries(SLACK_REQUEST_TYPES.map((type) => [type, 0])) as Record<
    SlackRequestType,
    number
  >;
  new Counter({
    name: 'sales_coach_slack_requests_total',
    help: 'Requests from Slack that passed the signature check, by type.',
    labelNames: ['type'],
    registers: [registry],
    collect() {
      this.reset();
      for (const type of SLACK_REQUEST_TYPES) this.inc({ type }, requests[type]);
    },
  });
  const listenerErrors = new Counter({
    name: 'sales_coach_listener_errors_total',
    help: 'Slack requests whose listener (or the middleware before it) failed.',
    registers: [registry],
  });
  return {
    request: (type) => {
      requests[type] += 1;
    },
    listenerFailed: () => listenerErrors.inc(),
  };
}
