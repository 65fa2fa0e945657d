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

export async function requireAdmin(db: Db, actor: Actor, what: string): Promise<void> {
  if (actor.isAdmin) return;
  throw new NotAllowedError(`Only admins can ${what}. Ask ${await adminsToAsk(db, actor.workspaceId)}.`);
}

export function isManagerOf(actor: Actor, person: Person): boolean {
  return actor.person !== undefined && person.manager_id === actor.person.id;
}

/** The person's manager or an admin may go on; anyone else is told who may. */
export async function requireManagerOf(db: Db, actor: Actor, person: Person, what: string): Promise<void> {
  if (actor.isAdmin || isManagerOf(actor, person)) return;
  const [manager] = person.manager_id === null ? [] : await findPeopleByIds(db, [person.manager_id]);
  const who =
    manager === undefined
      ? `an admin (${mention(person.slack_user_id)} has no manager). Ask ${await adminsToAsk(db, actor.workspaceId)}`
      : `their manager ${mention(manager.slack_user_id)} or an admin`;
  throw new NotAllowedError(`Only ${who} can ${what} for ${mention(person.slack_user_id)}.`);
}

/** Self-service for a rep's own settings; for anyone else, as requireManagerOf. */
export async function requireSelfOrManagerOf(
  db: Db,
  actor: Actor,
  person: Person,
  what: string,
): Promise<void> {
  if (actor.person?.id === person.id) return;
  await requireManagerOf(db, actor, person, what);
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
      'You are not on the roster as a rep, so you get no daily prompt to set up. Ask your manager or an admin to add you (`/coach add @you`).',
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

export async function requireTeam(db: Db, workspaceId: string, name: string): Promise<Team> {
  const team = await findTeamByName(db, workspaceId, name);
  if (team === undefined) {
    throw new RosterInputError(
      `There is no team called "${name}". \`/coach roster\` lists the teams; an admin creates one with \`/coach team ${name} create\`.`,
    );
  }
  return team;
}
