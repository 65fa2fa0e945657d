import type { Db } from '../../db/database.js';
import { findPersonBySlackId } from '../../db/queries/people.js';
import type { Person } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { PeopleDirectory } from './directory.js';
import { isSlackAdmin, profileCheckedRecently, recordDirectoryUser } from './profiles.js';

/** Who is asking: the Slack user, their row when the bot knows them, and whether they are an admin. */
export interface Actor {
  workspaceId: string;
  slackUserId: string;
  person: Person | undefined;
  isAdmin: boolean;
}

/**
 * Resolves the Slack user behind a command or click. It runs before a listener may ack or open a
 * modal, both due within Slack's 3 seconds, so it asks Slack (users.info) only when the row cannot
 * answer: a Slack workspace admin or owner is an admin of the bot, and the daily profile refresh
 * records that, so a row checked within PROFILE_STALE_AFTER_MS is trusted as it stands. A new Slack
 * admin therefore waits for the next refresh (or `/coach admin`).
 *
 * What a users.info answer teaches is kept only for someone the bot already knows, or for a Slack
 * admin (who must be recorded to be trusted later): a row for every stranger who merely clicked
 * something would fill the people table with nobody's data, so a stranger costs one users.info per
 * request instead, which someone with no role has little reason to run up.
 */
export async function identifyActor(
  db: Db,
  clock: Clock,
  directory: PeopleDirectory,
  workspaceId: string,
  slackUserId: string,
): Promise<Actor> {
  const person = await findPersonBySlackId(db, workspaceId, slackUserId);
  if (person?.is_admin) return { workspaceId, slackUserId, person, isAdmin: true };
  if (person !== undefined && profileCheckedRecently(person, clock.now())) {
    return { workspaceId, slackUserId, person, isAdmin: false };
  }
  const user = await directory.findById(workspaceId, slackUserId);
  // user_not_found is the refresh's to record (it marks the row inactive, with the reason managers see).
  if (user === undefined || (person === undefined && !isSlackAdmin(user))) {
    return { workspaceId, slackUserId, person, isAdmin: false };
  }
  const recorded = await recordDirectoryUser(db, workspaceId, user, clock.now());
  return { workspaceId, slackUserId, person: recorded, isAdmin: recorded.is_admin };
}
