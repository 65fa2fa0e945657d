import type { Db } from '../../db/database.js';
import { updatePerson } from '../../db/queries/people.js';
import type { Person } from '../../db/schema.js';
import type { DirectoryUser, PeopleDirectory } from './directory.js';
import { RosterInputError } from './errors.js';
import { mention } from './permissions.js';
import { recordDirectoryUser } from './profiles.js';

/** Slackbot answers users.info like a person, but can never be coached. */
const SLACKBOT_USER_ID = 'USLACKBOT';

/** Why a Slack user cannot join the roster, or undefined when they can. */
export function whyNotCoachable(user: DirectoryUser): string | undefined {
  if (user.isBot || user.userId === SLACKBOT_USER_ID) return 'is a bot';
  if (user.deleted) return 'is deactivated in Slack';
  return undefined;
}

/** Looks a user up in Slack before they join the roster in any role. */
export async function lookUpCoachableUser(
  directory: PeopleDirectory,
  workspaceId: string,
  slackUserId: string,
): Promise<DirectoryUser> {
  const user = await directory.findById(workspaceId, slackUserId);
  if (user === undefined) {
    throw new RosterInputError(`I can't find ${mention(slackUserId)} in this Slack workspace.`);
  }
  const reason = whyNotCoachable(user);
  if (reason !== undefined) {
    throw new RosterInputError(`${mention(slackUserId)} ${reason}: only active people can be on the roster.`);
  }
  return user;
}

export async function recordManager(
  db: Db,
  workspaceId: string,
  user: DirectoryUser,
  now: Date,
): Promise<Person> {
  const person = await recordDirectoryUser(db, workspaceId, user, now);
  return person.is_manager ? person : updatePerson(db, person.id, { is_manager: true }, now);
}
