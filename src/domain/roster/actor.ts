import type { Db } from '../../db/database.js';
import {
  findPersonBySlackId,
  type SlackProfile,
  updatePerson,
  upsertPerson,
} from '../../db/queries/people.js';
import type { Person } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { DirectoryUser, PeopleDirectory } from './directory.js';

/** Who is asking: the Slack user, their row when the bot knows them, and whether they are an admin. */
export interface Actor {
  workspaceId: string;
  slackUserId: string;
  person: Person | undefined;
  isAdmin: boolean;
}

export function profileOf(workspaceId: string, user: DirectoryUser): SlackProfile {
  return {
    workspaceId,
    slackUserId: user.userId,
    displayName: user.displayName,
    email: user.email,
    timezone: user.timeZone,
  };
}

/**
 * Resolves the Slack user behind a command or click. A Slack workspace admin or owner is an admin of
 * the bot; the first time one shows up they are recorded with is_admin, so later checks need no Slack
 * call (as for admins granted with `/coach admin` or recorded as the OAuth installer). Everyone else
 * costs one users.info per request, which human-paced commands can afford.
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
  const user = await directory.findById(workspaceId, slackUserId);
  if (user === undefined || user.deleted || user.isBot || !user.isWorkspaceAdmin) {
    return { workspaceId, slackUserId, person, isAdmin: false };
  }
  const now = clock.now();
  const admin = await db.transaction().execute(async (trx) => {
    const recorded = await upsertPerson(trx, profileOf(workspaceId, user), now);
    return updatePerson(trx, recorded.id, { is_admin: true }, now);
  });
  return { workspaceId, slackUserId, person: admin, isAdmin: true };
}
