import type { Db } from '../../db/database.js';
import { deleteSlackEventsReceivedBefore } from '../../db/queries/slack-events.js';
import type { Clock } from '../clock.js';

/** Slack gives up redelivering an event within hours; three days of event ids is ample for de-duplication. */
export const SLACK_EVENT_ID_RETENTION_MS = 3 * 24 * 60 * 60 * 1000;

export async function forgetOldSlackEventIds(db: Db, clock: Clock): Promise<number> {
  return deleteSlackEventsReceivedBefore(db, new Date(clock.now().getTime() - SLACK_EVENT_ID_RETENTION_MS));
}
