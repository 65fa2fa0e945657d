import type { Db } from '../db/database.js';
import {
  claimOutboxMessages,
  closeOutboxMessage,
  findSendingPauses,
  markOutboxMessagesSent,
  pauseWorkspaceSending,
  releaseOutboxMessages,
  rescheduleOutboxMessage,
  reserveSendSlots,
} from '../db/queries/outbox.js';
import type { OutboxMessage } from '../db/schema.js';
import type { Clock } from '../domain/clock.js';
import type { Logger } from '../logger.js';
import { BatchWhileBusy } from './batch.js';
import {
  type DeliveryMetrics,
  type OutboxContent,
  type OutboxTransport,
  type SendResult,
  UNMONITORED_DELIVERY,
} from './ports.js';

export interface DeliveryOptions {
  /** Names this replica's leases, for the logs and for "only the lease holder settles a row". */
  workerId: string;
  /** Messages per minute per workspace, shared by all replicas. */
  ratePerMinute: number;
  /** Sends in flight at once in this process. */
  concurrency: number;
  /** How long a claimed row stays ours; a dead worker's rows come back after it. */
  leaseMs: number;
  /** Pause between claims when nothing is due. */
  idlePollMs: number;
  /** Attempts before a row that keeps failing transiently is given up. */
  maxAttempts: number;
  /** Upper bound on rows claimed in one round. */
  maxBatch: number;
}

/** The defaults of the DELIVERY_* settings too (src/config.ts). */
export const DEFAULT_DELIVERY_OPTIONS: Omit<DeliveryOptions, 'workerId'> = {
  ratePerMinute: 200,
  // Posts in flight at once per replica. Pacing, not this, keeps the bot under Slack's limits; more
  // lanes let a fan-out's database and HTTP round trips overlap (bench/RESULTS.md: 16 lanes about
  // 1,000 msg/s, 32 lanes about 1,200 msg/s on 2 cores).
  concurrency: 32,
  leaseMs: 60_000,
  idlePollMs: 1_000,
  maxAttempts: 6,
  maxBatch: 200,
};

/** The most a lease keeps back for the send in progress to finish (less when the lease is short). */
const LEASE_SAFETY_MS = 5_000;
const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 5 * 60_000;
/** The longest Retry-After pause taken from the shared row; see pauseInEffect. */
const MAX_PAUSE_MS = 60 * 60_000;
/** Most rows marked sent in one statement. */
const SENT_BATCH_MAX = 100;
/** Most lanes answered by one read of the shared pause rows. */
const PAUSE_READ_BATCH_MAX = 200;
/** After a failed round (the database is down, say) wait before the next claim. */
const ROUND_FAILURE_PAUSE_MS = 1_000;

/**
 * Claims due outbox rows, paces them per workspace, sends them through the transport and settles
 * each row: sent, retried later, or closed with a reason. Every replica runs one.
 */
export class DeliveryWorker<TContent> {
  private stopping = false;
  private loopDone: Promise<void> | undefined;
  private readonly wakers = new Set<() => void>();
  /** Retry-After seen by this process, per workspace: sends already planned wait for it too. */
  private readonly pausedUntil = new Map<string, number>();
  private readonly intervalMs: number;
  /**
   * Rows whose post went through wait here to be marked sent: one statement for every row that
   * finished while the previous write was under way, instead of three round trips per row.
   */
  private readonly sentRows = new BatchWhileBusy<SentRow<TContent>>(async (rows) => {
    await this.writeSent(rows);
    return [];
  }, SENT_BATCH_MAX);
  /**
   * The shared Retry-After check before each post, one query for all the lanes that ask while the
   * previous read is under way. Each post still sees a read that started after it asked (so a pause
   * another replica wrote just before is seen, as with one query per post), at a fraction of the
   * round trips when many lanes post at once.
   */
  private readonly sharedPauses = new BatchWhileBusy<string, Date | undefined>(async (workspaceIds) => {
    const pauses = await findSendingPauses(this.deps.db, [...new Set(workspaceIds)]);
    return workspaceIds.map((id) => pauses.get(id));
  }, PAUSE_READ_BATCH_MAX);
  /** Set by wake(): the in-process tick queued rows while a round ran, so the next idle wait is skipped. */
  private woken = false;
  private idleWaker: (() => void) | undefined;
  /** Rows are only sent while their lease has at least this much left; the rest go back to the queue. */
  private readonly leaseSafetyMs: number;
  private readonly metrics: DeliveryMetrics;

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      logger: Logger;
      transport: OutboxTransport<TContent>;
      content: OutboxContent<TContent>;
      options: DeliveryOptions;
      metrics?: DeliveryMetrics;
    },
  ) {
    this.metrics = deps.metrics ?? UNMONITORED_DELIVERY;
    this.intervalMs = 60_000 / deps.options.ratePerMinute;
    // A short lease (tests use 5 s) must still leave a window to send in.
    this.leaseSafetyMs = Math.min(LEASE_SAFETY_MS, deps.options.leaseMs / 2);
  }

  start(): void {
    if (this.loopDone) return;
    this.stopping = false;
    this.loopDone = this.loop();
  }

  /** Stops claiming; rows already claimed but not yet sent go back to the queue. */
  async stop(timeoutMs: number): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    if (!this.loopDone) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.loopDone, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.loopDone = undefined;
  }

  /**
   * Rows were just queued in this process (the minute tick): claim now instead of finishing the idle
   * wait, which otherwise adds up to idlePollMs before the first of them goes out. Other replicas
   * still find them on their next poll.
   */
  wake(): void {
    this.woken = true;
    this.idleWaker?.();
  }

  private async loop(): Promise<void> {
    const { logger, options } = this.deps;
    while (!this.stopping) {
      let handled = 0;
      // A wake() from here on means the claim below may have run before the rows were committed.
      this.woken = false;
      try {
        handled = await this.runOnce();
      } catch (error) {
        this.metrics.workerError();
        logger.warn({ err: error }, 'delivery round failed; trying again shortly');
        await this.sleep(ROUND_FAILURE_PAUSE_MS);
        continue;
      }
      if (handled === 0 && !this.woken) await this.sleep(options.idlePollMs, { wakeable: true });
    }
  }

  /**
   * One round: claim what is due, send it paced, settle every row. Returns the rows that got a send
   * slot (0 when there was nothing to do, or no slot free inside the lease: then the loop waits).
   */
  async runOnce(): Promise<number> {
    const { db, clock, options } = this.deps;
    const now = clock.now();
    const leaseUntil = new Date(now.getTime() + options.leaseMs);
    const lastSendAt = new Date(leaseUntil.getTime() - this.leaseSafetyMs);
    // Claim no more than the pace lets us send well inside the lease.
    const sendable = Math.floor((options.leaseMs - this.leaseSafetyMs) / 2 / this.intervalMs);
    const limit = Math.max(1, Math.min(options.maxBatch, sendable));
    const rows = await claimOutboxMessages(db, { now, leaseUntil, workerId: options.workerId, limit });
    if (rows.length === 0) return 0;

    const plan: Array<{ row: OutboxMessage; at: number }> = [];
    const unslotted: Array<{ row: OutboxMessage; at: Date }> = [];
    for (const [workspaceId, group] of groupBy(rows, (row) => row.workspace_id)) {
      // Other replicas' slots come first; rows that do not fit before our lease runs short go back
      // untouched, due again when a claim made then could send them. Reserving slots for them anyway
      // would push the shared schedule ahead for nothing, until every replica only gave rows back.
      const slots = await reserveSendSlots(db, {
        workspaceId,
        count: group.length,
        intervalMs: this.intervalMs,
        now,
        latest: lastSendAt,
      });
      group.forEach((row, index) => {
        if (index < slots.granted) plan.push({ row, at: slots.first.getTime() + index * this.intervalMs });
        else {
          const windowOpens = slots.nextFree.getTime() - (options.leaseMs - this.leaseSafetyMs);
          unslotted.push({ row, at: new Date(Math.max(now.getTime(), windowOpens)) });
        }
      });
    }
    // Under contention between replicas this can be most of the claim, every round: one statement.
    await this.giveBackAll(unslotted);
    plan.sort((a, b) => a.at - b.at);
    await forEachConcurrently(plan, options.concurrency, ({ row, at }) =>
      this.deliver(row, at, leaseUntil.getTime()),
    );
    return plan.length;
  }

  private async deliver(row: OutboxMessage, slotAt: number, leaseEnd: number): Promise<void> {
    const { logger } = this.deps;
    try {
      await this.deliverOrThrow(row, slotAt, leaseEnd);
    } catch (error) {
      this.metrics.workerError();
      // The row keeps its lease and comes back when the lease ends, marked maybe_sent, so the next
      // attempt looks in Slack before posting again.
      logger.warn({ err: error, outboxId: row.id, kind: row.kind }, 'delivery of one message failed');
    }
  }

  private async deliverOrThrow(row: OutboxMessage, slotAt: number, leaseEnd: number): Promise<void> {
    const { db, clock, transport, content, options } = this.deps;
    const workerId = options.workerId;
    const pausedUntil = this.pausedUntil.get(row.workspace_id) ?? 0;
    // A slot inside a Retry-After pause is lost: the row gets a fresh, paced slot after the pause
    // rather than going out in a burst with every other row the pause held back. (Slots themselves
    // are only granted inside the lease, see runOnce.)
    if (pausedUntil > slotAt || this.stopping) {
      await this.giveBack(row, new Date(Math.max(pausedUntil, clock.now().getTime())));
      return;
    }
    await this.sleep(slotAt - clock.now().getTime());
    if (this.stopping) {
      await this.giveBack(row, clock.now());
      return;
    }

    const now = clock.now();
    if (now >= row.expires_at) {
      await closeOutboxMessage(db, row.id, workerId, {
        status: 'dropped',
        reason: `not sent before ${row.expires_at.toISOString()}, the latest time it was still useful`,
        now,
      });
      this.metrics.dropped(row.kind, 'expired');
      return;
    }
    const composed = await content.compose(row);
    if (!composed.send) {
      await closeOutboxMessage(db, row.id, workerId, { status: 'dropped', reason: composed.reason, now });
      this.metrics.dropped(row.kind, 'not_needed');
      return;
    }
    if (row.maybe_sent) {
      let found: { channelId: string; ts: string } | undefined;
      try {
        found = await transport.findSent(row, composed.content);
      } catch (error) {
        // Looking is part of the attempt: while Slack cannot be reached, back off and count the
        // attempt as a failed post would, instead of holding the row until its lease ends, again and
        // again, never reaching the retry limit.
        const reason = `could not look for an earlier post: ${(error as Error).message}`;
        await this.settle(row, { kind: 'transient', reason, maybeSent: true }, composed.content);
        return;
      }
      if (found) {
        await this.sentRows.add({ row, sent: found, content: composed.content, now: clock.now() });
        return;
      }
    }
    // Slack may have asked this workspace to wait while the row waited for its slot, through this
    // process or another replica: look as late as possible, right before posting.
    const pause = await this.pauseInEffect(row.workspace_id);
    if (pause !== undefined) {
      await this.giveBack(row, pause);
      return;
    }
    // A busy process can reach this point long after the row's slot: once the lease is nearly over,
    // another replica may take the row back at any moment and, not finding this post in the DM yet,
    // post it too. Post only with half the safety margin still ahead (slots end at the full margin,
    // so a row on time is never turned away here).
    if (clock.now().getTime() > leaseEnd - this.leaseSafetyMs / 2) {
      await this.giveBack(row, clock.now());
      return;
    }
    const result = await transport.send(row, composed.content);
    await this.settle(row, result, composed.content);
  }

  private async settle(row: OutboxMessage, result: SendResult, posted: TContent): Promise<void> {
    const { db, clock, logger, content, options } = this.deps;
    const workerId = options.workerId;
    const now = clock.now();
    switch (result.kind) {
      case 'sent':
        // Written together with the other lanes' posts that finish meanwhile (see writeSent).
        await this.sentRows.add({
          row,
          sent: { channelId: result.channelId, ts: result.ts },
          content: posted,
          now,
        });
        return;
      case 'rate_limited': {
        const until = now.getTime() + result.retryAfterMs;
        this.pausedUntil.set(row.workspace_id, Math.max(until, this.pausedUntil.get(row.workspace_id) ?? 0));
        await pauseWorkspaceSending(db, row.workspace_id, new Date(until));
        await rescheduleOutboxMessage(db, row.id, workerId, {
          at: new Date(until),
          reason: 'rate limited by Slack',
          maybeSent: row.maybe_sent,
          countAttempt: false,
          now,
        });
        this.metrics.rateLimited();
        logger.info(
          { workspaceId: row.workspace_id, retryAfterMs: result.retryAfterMs },
          'Slack asked us to wait',
        );
        return;
      }
      case 'transient': {
        if (row.attempts >= options.maxAttempts) {
          await closeOutboxMessage(db, row.id, workerId, {
            status: 'failed',
            reason: `gave up after ${row.attempts} attempts: ${result.reason}`,
            now,
          });
          // The transient reason is free text (a network error's message): not a label.
          this.metrics.failed(row.kind, 'retries_exhausted');
          await content.failedForGood(row, result.reason);
          return;
        }
        const backoff = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (row.attempts - 1));
        const jitter = Math.random() * backoff * 0.2;
        await rescheduleOutboxMessage(db, row.id, workerId, {
          at: new Date(now.getTime() + backoff + jitter),
          reason: result.reason,
          maybeSent: row.maybe_sent || result.maybeSent,
          countAttempt: true,
          now,
        });
        this.metrics.retried(row.kind);
        return;
      }
      case 'permanent':
        await closeOutboxMessage(db, row.id, workerId, { status: 'failed', reason: result.reason, now });
        this.metrics.failed(row.kind, result.reason);
        await content.failedForGood(row, result.reason);
        logger.info(
          { outboxId: row.id, kind: row.kind, reason: result.reason },
          'message cannot be delivered',
        );
        return;
    }
  }

  /**
   * Marks posted rows sent (only those this worker still holds) and tells the domain about them. If
   * this fails, every row of the batch keeps its lease and comes back marked maybe_sent, as after a
   * crash: the next attempt finds the post in the DM instead of posting again.
   */
  private async writeSent(rows: SentRow<TContent>[]): Promise<void> {
    const { db, content, options } = this.deps;
    const marked = await markOutboxMessagesSent(
      db,
      options.workerId,
      rows.map(({ row, sent, now }) => ({ id: row.id, ...sent, now })),
    );
    const posts = rows
      .filter(({ row }) => marked.has(row.id))
      .map(({ row, sent, content: posted }) => ({ message: row, sent, content: posted }));
    // Counted once the row says sent: a post whose lease was lost meanwhile is the new holder's to count.
    for (const { message } of posts) this.metrics.delivered(message.kind);
    if (posts.length > 0) await content.delivered(posts);
  }

  /** The end of a Retry-After pause still running for the workspace, seen here or by any replica. */
  private async pauseInEffect(workspaceId: string): Promise<Date | undefined> {
    const { clock } = this.deps;
    const now = clock.now().getTime();
    let until = this.pausedUntil.get(workspaceId) ?? 0;
    if (until <= now) {
      const shared = (await this.sharedPauses.add(workspaceId))?.getTime() ?? 0;
      // Another lane may have been told to wait while this read was under way: keep the later end.
      until = this.pausedUntil.get(workspaceId) ?? 0;
      // Retry-After is seconds, not hours: a pause further ahead can only come from a clock that
      // jumped back, and must not stall the workspace (as for next_slot_at).
      if (shared <= now + MAX_PAUSE_MS) until = Math.max(until, shared);
      this.pausedUntil.set(workspaceId, until);
    }
    return until > now ? new Date(until) : undefined;
  }

  /** Hands a claimed row back untouched (not an attempt), to be claimed again from `at`. */
  private async giveBack(row: OutboxMessage, at: Date): Promise<void> {
    await this.giveBackAll([{ row, at }]);
  }

  private async giveBackAll(rows: ReadonlyArray<{ row: OutboxMessage; at: Date }>): Promise<void> {
    await releaseOutboxMessages(
      this.deps.db,
      this.deps.options.workerId,
      rows.map(({ row, at }) => ({
        id: row.id,
        at,
        reason: row.failure_reason ?? 'released unsent',
        maybeSent: row.maybe_sent,
      })),
      this.deps.clock.now(),
    );
  }

  /** A sleep that stop() cuts short, and wake() too when `wakeable` (the wait between empty claims). */
  private sleep(ms: number, options: { wakeable?: boolean } = {}): Promise<void> {
    if (ms <= 0 || this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        if (this.idleWaker === wake) this.idleWaker = undefined;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.wakers.add(wake);
      if (options.wakeable) this.idleWaker = wake;
    });
  }
}

interface SentRow<TContent> {
  row: OutboxMessage;
  sent: { channelId: string; ts: string };
  content: TContent;
  now: Date;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  });
  await Promise.all(lanes);
}
