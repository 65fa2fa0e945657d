import { Counter, Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/database.js';
import { type OutboxSummary, summarizeOutbox } from '../db/queries/outbox.js';
import type { OutboxStatus } from '../db/schema.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import { OUTBOX_KINDS } from './labels.js';

/** Failed and dropped rows are counted over this window: enough to see a bad morning, not the whole history. */
const CLOSED_WINDOW_MS = 24 * 60 * 60_000;

const REPORTED_STATUSES: ReadonlyArray<Exclude<OutboxStatus, 'sent'>> = [
  'pending',
  'sending',
  'failed',
  'dropped',
];

/**
 * Gauges read from the outbox table at scrape time, so they say what every replica sees, whichever
 * one is scraped. One statement serves a scrape (both gauges share it), and at most one is in flight:
 * while Postgres is slow, scrapes never pile connections onto the pool the worker needs. A scrape
 * waits `timeoutMs` at most; then the gauges are left out and the error counter moves, and the rest of
 * the scrape (process metrics, counters) still answers.
 */
export function registerOutboxState(
  registry: Registry,
  options: { db: Db; clock: Clock; logger: Logger; timeoutMs: number },
): void {
  const { db, clock, logger, timeoutMs } = options;
  const scrapeErrors = new Counter({
    name: 'sales_coach_outbox_scrape_errors_total',
    help: 'Scrapes whose outbox query failed or took too long; the outbox gauges were left out of them.',
    registers: [registry],
    // The registry reads every metric at once: without waiting for the read the gauges share, this
    // scrape's failure would only show in the next one.
    async collect() {
      await read();
    },
  });

  let statement: Promise<OutboxSummary> | undefined;
  let scrape: Promise<OutboxSummary | undefined> | undefined;
  const readOnce = async (): Promise<OutboxSummary | undefined> => {
    const now = clock.now();
    statement ??= summarizeOutbox(db, {
      now,
      closedSince: new Date(now.getTime() - CLOSED_WINDOW_MS),
    }).finally(() => {
      statement = undefined;
    });
    try {
      const summary = await within(statement, timeoutMs);
      if (summary === undefined) {
        scrapeErrors.inc();
        logger.warn({ timeoutMs }, 'outbox state left out of a scrape: the database did not answer in time');
      }
      return summary;
    } catch (error) {
      scrapeErrors.inc();
      logger.warn({ err: error }, 'outbox state left out of a scrape: the query failed');
      return undefined;
    }
  };
  const read = (): Promise<OutboxSummary | undefined> => {
    scrape ??= readOnce().finally(() => {
      scrape = undefined;
    });
    return scrape;
  };

  new Gauge({
    name: 'sales_coach_outbox_messages',
    help: 'Outbox messages by kind and status: pending and sending now; failed and dropped in the last 24 hours.',
    labelNames: ['kind', 'status'],
    registers: [registry],
    async collect() {
      const summary = await read();
      this.reset();
      if (summary === undefined) return;
      // Zeros too: an alert on a series that only appears once something goes wrong misses the first time.
      for (const kind of OUTBOX_KINDS) {
        for (const status of REPORTED_STATUSES) this.set({ kind, status }, 0);
      }
      for (const { kind, status, messages } of summary.counts) this.set({ kind, status }, messages);
    },
  });

  new Gauge({
    name: 'sales_coach_outbox_oldest_due_seconds',
    help: 'Seconds since the longest-waiting message that is due and not yet sent was due; 0 when none is.',
    registers: [registry],
    async collect() {
      const summary = await read();
      if (summary === undefined) {
        // Absent, not 0: 0 would say "nothing is stuck" exactly when nobody can tell.
        this.remove({});
        return;
      }
      const oldest = summary.oldestDueAt;
      this.set(oldest === undefined ? 0 : Math.max(0, (clock.now().getTime() - oldest.getTime()) / 1000));
    },
  });
}

/** The promise's value, or undefined once `ms` have passed first (the promise itself runs on). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
