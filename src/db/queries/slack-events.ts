import type { Db } from '../database.js';

export interface SlackEventKey {
  eventId: string;
  workspaceId: string | null;
  eventType: string;
}

/**
 * Records that an event is being handled. Returns false when it was already recorded: Slack
 * redelivered it (x-slack-retry-num) or another replica got the same delivery.
 */
export async function claimSlackEvent(db: Db, event: SlackEventKey): Promise<boolean> {
  const inserted = await db
    .insertInto('processed_slack_events')
    .values({ event_id: event.eventId, workspace_id: event.workspaceId, event_type: event.eventType })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .returning('event_id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/**
 * Forgets a claim whose handling failed for good, so a redelivery of the event is handled instead of
 * skipped (Slack redelivers only an event whose 200 it did not see in time, not one that failed).
 */
export async function releaseSlackEvent(db: Db, eventId: string): Promise<void> {
  await db.deleteFrom('processed_slack_events').where('event_id', '=', eventId).execute();
}

export async function deleteSlackEventsReceivedBefore(db: Db, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom('processed_slack_events')
    .where('received_at', '<', cutoff)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
