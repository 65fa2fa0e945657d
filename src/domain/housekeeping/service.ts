import type { Db } from '../../db/database.js';
import { deleteClosedOutboxMessagesBefore } from '../../db/queries/outbox.js';
import { deleteSlackEventsReceivedBefore } from '../../db/queries/slack-events.js';
import type { Clock } from '../clock.js';
import { addDays, localDate } from '../coaching/schedule.js';

/** Slack gives up redelivering an event within hours; three days of event ids is ample for de-duplication. */
export const SLACK_EVENT_ID_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;

export async function forgetOldSlackEventIds(db: Db, clock: Clock): Promise<number> {
  return deleteSlackEventsReceivedBefore(db, new Date(clock.now().getTime() - SLACK_EVENT_ID_RETENTION_MS));
}

/**
 * How long a sent (or given up) outbox message is kept. Nothing reads one after its day has passed but
 * the operator looking back (a reminder's thread, the digest and the tick look at today and yesterday);
 * at 10,000 reps the table would otherwise gain millions of rows a year.
 */
export const CLOSED_OUTBOX_RETENTION_DAYS = 90;
const OUTBOX_DELETE_BATCH = 5_000;
/** A run's limit, so a first run on a long-lived table does not hold the daily job for long. */
const OUTBOX_DELETE_BATCHES_PER_RUN = 40;

/** Deletes closed outbox messages of days more than the retention ago; returns how many. */
export async function forgetOldOutboxMessages(db: Db, clock: Clock): Promise<number> {
  const before = addDays(localDate(clock.now(), 'UTC'), -CLOSED_OUTBOX_RETENTION_DAYS);
  let deleted = 0;
  for (let batch = 0; batch < OUTBOX_DELETE_BATCHES_PER_RUN; batch += 1) {
    const count = await deleteClosedOutboxMessagesBefore(db, before, OUTBOX_DELETE_BATCH);
    deleted += count;
    if (count < OUTBOX_DELETE_BATCH) break;
  }
  return deleted;
}
