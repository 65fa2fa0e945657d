import { setTimeout as sleep } from 'node:timers/promises';
import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import type { Db } from '../../db/database.js';
import { claimSlackEvent, releaseSlackEvent, type SlackEventKey } from '../../db/queries/slack-events.js';
import { isTransientDatabaseError } from '../../db/transient-errors.js';
import type { Logger } from '../../logger.js';

interface EventEnvelope {
  type: 'event_callback';
  event_id: string;
  team_id?: string;
  event?: { type?: string };
}

function isEventEnvelope(body: unknown): body is EventEnvelope {
  const candidate = body as Partial<EventEnvelope> | undefined;
  return candidate?.type === 'event_callback' && typeof candidate.event_id === 'string';
}

/**
 * The waits before each retry of an event's database work, shared by all its steps (the claim, then
 * the listener's work): with the first attempt, about 7 s of outage ridden out, the length of a
 * Postgres restart or a connection pool's reconnect.
 */
const RETRY_WAITS_MS = [1_000, 2_000, 4_000] as const;
/**
 * No retry starts later than this after the event arrived, however long each attempt took (one that
 * waits out the pool's 5 s connection timeout could otherwise stretch the waits above to 30 s).
 */
const RETRY_WINDOW_MS = 10_000;

/**
 * One event's retry budget. Bolt answers Slack's Events API with the 200 before any middleware runs, so
 * Slack never redelivers an event whose handling failed: a database hiccup would lose it for good
 * unless it is tried again here, in this process.
 */
class EventRetries {
  /** Attempts at the step run last (the claim, then the listener's work), for the failure's log. */
  attempts = 0;
  private retries = 0;
  private readonly startedAt = performance.now();

  constructor(private readonly stopping: AbortSignal) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    this.attempts = 0;
    for (;;) {
      this.attempts += 1;
      try {
        return await work();
      } catch (error) {
        if (!(await this.waitForRetry(error))) throw error;
      }
    }
  }

  /** False when the error is not worth a retry, the budget is spent, or the bot is stopping. */
  private async waitForRetry(error: unknown): Promise<boolean> {
    const wait = RETRY_WAITS_MS[this.retries];
    if (wait === undefined || !isTransientDatabaseError(error) || this.stopping.aborted) return false;
    if (performance.now() + wait - this.startedAt > RETRY_WINDOW_MS) return false;
    this.retries += 1;
    try {
      await sleep(wait, undefined, { signal: this.stopping });
      return true;
    } catch {
      // Shutdown only waits a few seconds for listener work: give up now, and the claim is released
      // before the database pool closes.
      return false;
    }
  }
}

const RETRIES_KEY = 'slackEventRetries';

/**
 * Runs a listener's database work for the event being handled, again after a transient failure, within
 * the event's retry budget. Only for work that is safe to repeat (it is idempotent, or a failure means
 * it did not happen); Slack API calls are not, and the Web API client has its own retry policy.
 *
 * Why here and not around next() in the middleware: Bolt's next() runs every later global middleware
 * and all matching listeners, and a second call throws ("next() called multiple times") as soon as
 * another global middleware follows this one; even where it did not, it would repeat the listener's
 * Slack calls that had already succeeded.
 */
export function retryEventWork<T>(context: Context, work: () => Promise<T>): Promise<T> {
  const retries = context[RETRIES_KEY] as EventRetries | undefined;
  return retries === undefined ? work() : retries.run(work);
}

/** An event that could not be handled: says which one, for the error log; the cause is what failed. */
export class SlackEventError extends Error {
  override name = 'SlackEventError';
  readonly eventId: string;
  readonly eventType: string;
  readonly workspaceId: string | null;
  readonly attempts: number;

  constructor(event: SlackEventKey, attempts: number, cause: unknown) {
    super(
      `${event.eventType} event ${event.eventId} of workspace ${event.workspaceId ?? 'unknown'} ` +
        `failed after ${attempts} attempt${attempts === 1 ? '' : 's'}`,
      { cause },
    );
    this.eventId = event.eventId;
    this.eventType = event.eventType;
    this.workspaceId = event.workspaceId;
    this.attempts = attempts;
  }
}

/**
 * Every replica may receive an event, and Slack redelivers one (x-slack-retry-num) when it did not see
 * our 200 within 3 seconds. The first delivery claims the event_id in Postgres; later ones stop here.
 *
 * The claim is held while the event's work is retried (retryEventWork), so no other delivery handles it
 * meanwhile. When the work fails for good the claim is released: Slack does not retry a failure it got
 * a 200 for, but a redelivery of an ack that timed out can then still be handled. The failure is thrown
 * on as a SlackEventError, so Bolt's error handler logs it once, with the event's id, type and team.
 *
 * `stopping` is aborted when the bot begins to stop: waiting retries give up so shutdown is not held.
 */
export function deduplicateEvents(
  db: Db,
  logger: Logger,
  { stopping }: { stopping: AbortSignal },
): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    if (!isEventEnvelope(body)) {
      await next();
      return;
    }
    const event: SlackEventKey = {
      eventId: body.event_id,
      workspaceId: body.team_id ?? null,
      eventType: body.event?.type ?? 'unknown',
    };
    const retries = new EventRetries(stopping);
    const claimed = await claim(db, logger, event, retries).catch((error: unknown) => {
      throw new SlackEventError(event, retries.attempts, error);
    });
    if (!claimed) {
      logger.debug({ eventId: event.eventId }, 'duplicate event delivery skipped');
      return;
    }
    context[RETRIES_KEY] = retries;
    // A listener that fails without retrying anything made one attempt, not the claim's count.
    retries.attempts = 1;
    try {
      await next();
    } catch (error) {
      try {
        await releaseSlackEvent(db, event.eventId);
      } catch (releaseError) {
        // Logged on its own: the event's failure below is what matters, and must not be replaced.
        logger.error(
          { err: releaseError, ...event },
          'could not release the claim of a failed event; a redelivery of it will be skipped',
        );
      }
      throw new SlackEventError(event, retries.attempts, error);
    }
  };
}

/**
 * Claims the event, again after a transient failure. A later attempt that finds the event claimed
 * cannot tell another delivery's claim (the usual case) from its own failed attempt's, committed with
 * only the answer lost. It is skipped either way, since the claim exists to keep an event from being
 * handled twice, but logged: in the second case nobody handles the event.
 */
async function claim(db: Db, logger: Logger, event: SlackEventKey, retries: EventRetries): Promise<boolean> {
  let failedBefore = false;
  const claimed = await retries.run(async () => {
    try {
      return await claimSlackEvent(db, event);
    } catch (error) {
      failedBefore = true;
      throw error;
    }
  });
  if (!claimed && failedBefore) {
    logger.warn(
      event,
      'event found claimed after a failed attempt to claim it: skipped as a duplicate, though the claim may have been our own',
    );
  }
  return claimed;
}
