import type { Db } from '../../db/database.js';
import { findPeopleByIds, findPersonBySlackId, listAdmins } from '../../db/queries/people.js';
import { findTeamByName } from '../../db/queries/teams.js';
import type { Person, Team } from '../../db/schema.js';
import type { Actor } from './actor.js';
import { NotAllowedError, RosterInputError } from './errors.js';

/** A Slack mention: Slack shows the person's current name, and the escaping stays Slack's business. */
export function mention(slackUserId: string): string {
  return `<@${slackUserId}>`;
}

const ADMINS_NAMED_IN_REFUSALS = 5;

/** Who to ask for an admin-only change, named so the refusal is actionable. */
export async function adminsToAsk(db: Db, workspaceId: string): Promise<string> {
  const admins = await listAdmins(db, workspaceId);
  const named = admins.slice(0, ADMINS_NAMED_IN_REFUSALS).map((admin) => mention(admin.slack_user_id));
  return named.length === 0
    ? 'a Slack workspace admin or owner (they are admins of the bot)'
    : `an admin (${named.join(', ')}) or a Slack workspace admin`;
}

/** Whether the bot acts for this person at all: they are a rep, a manager or an admin of it. */
export function isOnRoster(person: Person | undefined): boolean {
  return person !== undefined && (person.is_rep || person.is_manager || person.is_admin);
}

/**
 * Said to someone the roster does not know: whom to ask, by name, since "an admin" leaves a newcomer
 * guessing who that is. `what` is what they would ask for.
 */
export async function askToBeAdded(db: Db, workspaceId: string, what = 'add you'): Promise<string> {
  return `Ask your manager or ${await adminsToAsk(db, workspaceId)} to ${what}.`;
}

/** How the bot stands with someone who wrote to it: its answer to a plain DM depends on it. */
export type RosterStanding =
  | { kind: 'rep' }
  /** A manager or an admin who is not a rep: they get no daily prompt to answer. */
  | { kind: 'member' }
  /** `askToBeAdded` names who can put them on the roster. */
  | { kind: 'not-on-roster'; askToBeAdded: string };

/**
 * Reads only the roster, no Slack: a Slack workspace admin the bot has not met yet counts as not on
 * it, and the answer's "or a Slack workspace admin" tells them they can add themself.
 */
export async function rosterStanding(
  db: Db,
  workspaceId: string,
  slackUserId: string,
): Promise<RosterStanding> {
  const person = await findPersonBySlackId(db, workspaceId, slackUserId);
  if (person?.is_rep) return { kind: 'rep' };
  if (isOnRoster(person)) return { kind: 'member' };
  return { kind: 'not-on-roster', askToBeAdded: await askToBeAdded(db, workspaceId) };
}

export async function requireAdmin(db: Db, actor: Actor, what: string): Promise<void> {
  if (actor.isAdmin) return;
  throw new NotAllowedError(`Only admins can ${what}. Ask ${await adminsToAsk(db, actor.workspaceId)}.`);
}

export function isManagerOf(actor: Actor, person: Person): boolean {
  return actor.person !== undefined && person.manager_id === actor.person.id;
}

/**
 * What someone wants to do to a rep, worded around the rep's mention so the refusal reads as one
 * sentence: `(rep) => \`remove ${rep}\``, `(rep) => \`change ${rep}'s prompt time\``.
 */
export type RepAction = (rep: string) => string;

/**
 * The sentence saying who may do `action` to `person`: their manager or an admin, or only the
 * admins (named) when the person has no manager. Roster and deal-review refusals share it.
 */
export async function whoMay(
  db: Db,
  workspaceId: string,
  person: Person,
  action: RepAction,
): Promise<string> {
  const rep = mention(person.slack_user_id);
  const [manager] = person.manager_id === null ? [] : await findPeopleByIds(db, [person.manager_id]);
  if (manager !== undefined)
    return `Only their manager ${mention(manager.slack_user_id)} or an admin can ${action(rep)}.`;
  return `Only an admin can ${action(rep)}: they have no manager. Ask ${await adminsToAsk(db, workspaceId)}.`;
}

/** The person's manager or an admin may go on; anyone else is told who may. */
export async function requireManagerOf(
  db: Db,
  actor: Actor,
  person: Person,
  action: RepAction,
): Promise<void> {
  if (actor.isAdmin || isManagerOf(actor, person)) return;
  throw new NotAllowedError(await whoMay(db, actor.workspaceId, person, action));
}

/** Self-service for a rep's own settings; for anyone else, as requireManagerOf. */
export async function requireSelfOrManagerOf(
  db: Db,
  actor: Actor,
  person: Person,
  action: RepAction,
): Promise<void> {
  if (actor.person?.id === person.id) return;
  await requireManagerOf(db, actor, person, action);
}

/**
 * The person a command is about: someone named (who must be on the roster), or the actor themself,
 * who must be a rep since these settings only shape a rep's daily prompt.
 */
export async function requireRosterPerson(
  db: Db,
  actor: Actor,
  slackUserId: string | undefined,
): Promise<Person> {
  if (slackUserId === undefined || slackUserId === actor.slackUserId) {
    // Read again rather than trusting actor.person: the row is what the change is based on.
    const me = await findPersonBySlackId(db, actor.workspaceId, actor.slackUserId);
    if (me?.is_rep) return me;
    throw new RosterInputError(
      'You are not on the roster as a rep, so you get no daily prompt to set up. Ask your manager or an admin to add you.',
    );
  }
  const person = await findPersonBySlackId(db, actor.workspaceId, slackUserId);
  if (person === undefined || !(person.is_rep || person.is_manager || person.is_admin)) {
    throw new RosterInputError(
      `${mention(slackUserId)} is not on the roster. Add them first with \`/coach add ${mention(slackUserId)}\`.`,
    );
  }
  return person;
}

/** A rep, not just a known person: prompt time, pause and out-of-office only mean something for reps. */
export async function requireRep(db: Db, actor: Actor, slackUserId: string | undefined): Promise<Person> {
  const person = await requireRosterPerson(db, actor, slackUserId);
  if (!person.is_rep) {
    throw new RosterInputError(
      `${mention(person.slack_user_id)} is not a rep, so they get no daily prompt. Add them as a rep with \`/coach add ${mention(person.slack_user_id)}\`.`,
    );
  }
  return person;
}

/**
 * The team called `name` (any case). When there is none, an admin is shown the command that creates
 * it (the name quoted, as the grammar wants a name with spaces); anyone else, whom to ask.
 */
export async function requireTeam(db: Db, actor: Actor, name: string): Promise<Team> {
  const team = await findTeamByName(db, actor.workspaceId, name);
  if (team !== undefined) return team;
  const missing = `There is no team called "${name}".`;
  throw new RosterInputError(
    actor.isAdmin
      ? `${missing} \`/coach roster\` lists the teams; create this one with \`/coach team "${name}" create\`.`
      : `${missing} Check the name, or ask ${await adminsToAsk(db, actor.workspaceId)} to create it.`,
  );
}
