import type { Db } from '../../db/database.js';
import { addOutOfOffice, clearOutOfOffice } from '../../db/queries/out-of-office.js';
import { findPersonById, findPersonBySlackId, updatePerson } from '../../db/queries/people.js';
import { findTeamById, findTeamManagedBy } from '../../db/queries/teams.js';
import type { Person, Team } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { findQuestionSet, QUESTION_SETS } from '../coaching/question-sets.js';
import { parseTimeOfDay } from '../coaching/schedule.js';
import type { Actor } from './actor.js';
import { lookUpCoachableUser, recordManager } from './coachable.js';
import type { PeopleDirectory } from './directory.js';
import { NotAllowedError, RosterInputError } from './errors.js';
import { earliestToday, validateOutOfOfficeRange } from './out-of-office.js';
import {
  adminsToAsk,
  isManagerOf,
  mention,
  requireAdmin,
  requireManagerOf,
  requireRep,
  requireRosterPerson,
  requireSelfOrManagerOf,
  requireTeam,
} from './permissions.js';
import { recordDirectoryUser } from './profiles.js';

// ------------------------------------------------------------------------------------------ adding

export interface AddRepInput {
  repUserId: string;
  managerUserId?: string;
  teamName?: string;
}

export interface RepPlacement {
  rep: Person;
  manager: Person | undefined;
  team: Team | undefined;
  /** False when the rep already had exactly this place: nothing was written. */
  changed: boolean;
}

/**
 * Makes someone a rep. A manager adds reps under themself (and into the team they lead); an admin
 * may name any manager and team, and a rep added to a team without a named manager gets the team's.
 */
export async function addRep(
  db: Db,
  clock: Clock,
  directory: PeopleDirectory,
  actor: Actor,
  input: AddRepInput,
): Promise<RepPlacement> {
  const workspaceId = actor.workspaceId;
  if (!actor.isAdmin && !actor.person?.is_manager) {
    throw new NotAllowedError(
      `Only managers and admins can add reps. Ask your manager or ${await adminsToAsk(db, workspaceId)}.`,
    );
  }
  const managerUserId = input.managerUserId ?? (actor.isAdmin ? undefined : actor.slackUserId);
  if (!actor.isAdmin && managerUserId !== actor.slackUserId) {
    throw new NotAllowedError(
      `As a manager you add reps to yourself; only admins can add a rep under another manager. Ask ${await adminsToAsk(db, workspaceId)}.`,
    );
  }
  if (managerUserId === input.repUserId) {
    throw new RosterInputError(`${mention(input.repUserId)} cannot be their own manager.`);
  }
  const namedTeam = input.teamName === undefined ? undefined : await requireTeam(db, actor, input.teamName);
  if (namedTeam && !actor.isAdmin && namedTeam.manager_id !== actor.person?.id) {
    throw new NotAllowedError(
      `Team ${namedTeam.name} is not yours: only its manager or an admin can add reps to it. Ask ${await adminsToAsk(db, workspaceId)}.`,
    );
  }
  const existing = await findPersonBySlackId(db, workspaceId, input.repUserId);
  if (existing?.is_rep && existing.manager_id !== null && !isManagerOf(actor, existing)) {
    await requireManagerOf(db, actor, existing, (who) => `move ${who} to another manager`);
  }

  const repUser = await lookUpCoachableUser(directory, workspaceId, input.repUserId);
  const managerUser =
    managerUserId === undefined
      ? undefined
      : await lookUpCoachableUser(directory, workspaceId, managerUserId);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const manager = managerUser && (await recordManager(trx, workspaceId, managerUser, now));
    const rep = await recordDirectoryUser(trx, workspaceId, repUser, now);
    const team = namedTeam ?? (manager && (await findTeamManagedBy(trx, manager.id)));
    const teamManagerId = team?.manager_id !== rep.id ? team?.manager_id : null;
    return placeRep(trx, rep, {
      managerId: manager?.id ?? teamManagerId ?? rep.manager_id,
      teamId: team?.id ?? rep.team_id,
      now,
    });
  });
}

async function placeRep(
  db: Db,
  rep: Person,
  place: { managerId: number | null; teamId: number | null; now: Date },
): Promise<RepPlacement> {
  const changed = !rep.is_rep || rep.manager_id !== place.managerId || rep.team_id !== place.teamId;
  const placed = changed
    ? await updatePerson(
        db,
        rep.id,
        { is_rep: true, manager_id: place.managerId, team_id: place.teamId },
        place.now,
      )
    : rep;
  const manager = place.managerId === null ? undefined : await findPersonById(db, place.managerId);
  const team = place.teamId === null ? undefined : await findTeamById(db, place.teamId);
  return { rep: placed, manager, team, changed };
}

/** Stops a rep's prompts and takes them off their manager's list; their history stays. */
export async function removeRep(db: Db, clock: Clock, actor: Actor, repUserId: string): Promise<Person> {
  const rep = await requireRep(db, actor, repUserId);
  await requireManagerOf(db, actor, rep, (who) => `remove ${who}`);
  return updatePerson(db, rep.id, { is_rep: false, manager_id: null, team_id: null }, clock.now());
}

/**
 * Hands a rep to another manager (their current manager or an admin may). Like adding, the rep joins
 * the new manager's team when that manager leads one.
 */
export async function changeManager(
  db: Db,
  clock: Clock,
  directory: PeopleDirectory,
  actor: Actor,
  repUserId: string,
  managerUserId: string,
): Promise<RepPlacement> {
  if (repUserId === managerUserId) {
    throw new RosterInputError(`${mention(repUserId)} cannot be their own manager.`);
  }
  const rep = await requireRep(db, actor, repUserId);
  await requireManagerOf(db, actor, rep, (who) => `change ${who}'s manager`);
  const managerUser = await lookUpCoachableUser(directory, actor.workspaceId, managerUserId);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const manager = await recordManager(trx, actor.workspaceId, managerUser, now);
    const team = await findTeamManagedBy(trx, manager.id);
    return placeRep(trx, rep, { managerId: manager.id, teamId: team?.id ?? rep.team_id, now });
  });
}

/**
 * Moves a rep to a team; they report to the team's manager from then on when it has one. Admins move
 * anyone; a manager may move their own rep into a team they lead.
 */
export async function moveRep(
  db: Db,
  clock: Clock,
  actor: Actor,
  repUserId: string,
  teamName: string,
): Promise<RepPlacement> {
  const rep = await requireRep(db, actor, repUserId);
  const team = await requireTeam(db, actor, teamName);
  const leadsTeam = actor.person !== undefined && team.manager_id === actor.person.id;
  if (!actor.isAdmin && !(leadsTeam && isManagerOf(actor, rep))) {
    throw new NotAllowedError(
      `Only admins can move reps between teams (a manager may move their own reps into a team they lead). Ask ${await adminsToAsk(db, actor.workspaceId)}.`,
    );
  }
  const managerId = team.manager_id !== null && team.manager_id !== rep.id ? team.manager_id : rep.manager_id;
  return placeRep(db, rep, { managerId, teamId: team.id, now: clock.now() });
}

// ------------------------------------------------------------------------------------ rep settings

/** Words that put a rep back on their team's prompt time. */
const TEAM_TIME_WORDS = new Set(['default', 'team', 'reset']);

/** Sets a rep's own prompt time ('08:30', '9am'), or back to the team's with 'default'. */
export async function setPromptTime(
  db: Db,
  clock: Clock,
  actor: Actor,
  repUserId: string | undefined,
  timeText: string,
): Promise<Person> {
  const rep = await requireRep(db, actor, repUserId);
  await requireSelfOrManagerOf(db, actor, rep, (who) => `change ${who}'s prompt time`);
  const useTeamTime = TEAM_TIME_WORDS.has(timeText.trim().toLowerCase());
  const time = useTeamTime ? null : parseTimeOfDay(timeText);
  if (time === undefined) {
    throw new RosterInputError(
      `\`${timeText}\` is not a time of day: use 08:30 or 8:30am (or \`default\` for the team's time).`,
    );
  }
  return updatePerson(db, rep.id, { prompt_time: time }, clock.now());
}

export interface PauseChange {
  rep: Person;
  /** False when the rep was already in that state. */
  changed: boolean;
}

/** Pauses or resumes a rep's prompts (the rep themself, their manager or an admin). */
export async function setPaused(
  db: Db,
  clock: Clock,
  actor: Actor,
  repUserId: string | undefined,
  paused: boolean,
): Promise<PauseChange> {
  const rep = await requireRep(db, actor, repUserId);
  await requireSelfOrManagerOf(
    db,
    actor,
    rep,
    (who) => `${paused ? 'pause' : 'resume'} ${who}'s daily prompts`,
  );
  if ((rep.paused_at !== null) === paused) return { rep, changed: false };
  const now = clock.now();
  return { rep: await updatePerson(db, rep.id, { paused_at: paused ? now : null }, now), changed: true };
}

export interface OutOfOfficeChange {
  rep: Person;
  firstDay: string;
  lastDay: string;
  /** False when the rep already had exactly this range. */
  added: boolean;
}

/** Records days off (inclusive local dates): no prompt and no reminder on them. */
export async function addOutOfOfficeRange(
  db: Db,
  clock: Clock,
  actor: Actor,
  repUserId: string | undefined,
  firstText: string,
  lastText: string | undefined,
): Promise<OutOfOfficeChange> {
  const now = clock.now();
  const range = validateOutOfOfficeRange(firstText, lastText, now);
  if (!range.ok) throw new RosterInputError(range.message);
  const rep = await requireRep(db, actor, repUserId);
  await requireSelfOrManagerOf(db, actor, rep, (who) => `record out-of-office days for ${who}`);
  const added = await addOutOfOffice(
    db,
    {
      personId: rep.id,
      firstDay: range.firstDay,
      lastDay: range.lastDay,
      createdById: actor.person?.id ?? null,
    },
    now,
  );
  return { rep, firstDay: range.firstDay, lastDay: range.lastDay, added };
}

/** Removes a rep's current and future out-of-office ranges; past ones stay as history. Returns how many. */
export async function clearOutOfOfficeRanges(
  db: Db,
  clock: Clock,
  actor: Actor,
  repUserId: string | undefined,
): Promise<{ rep: Person; cleared: number }> {
  const rep = await requireRep(db, actor, repUserId);
  await requireSelfOrManagerOf(db, actor, rep, (who) => `clear ${who}'s out-of-office days`);
  const now = clock.now();
  return { rep, cleared: await clearOutOfOffice(db, rep.id, earliestToday(now), now) };
}

/** Attaches a ready-made question set to a rep's daily prompt, or detaches it with 'off'. */
export async function setQuestionSet(
  db: Db,
  clock: Clock,
  actor: Actor,
  repUserId: string,
  setKey: string,
): Promise<Person> {
  const rep = await requireRep(db, actor, repUserId);
  await requireManagerOf(db, actor, rep, (who) => `choose ${who}'s question set`);
  const key = setKey.trim().toLowerCase();
  if (key === 'off' || key === 'none') return updatePerson(db, rep.id, { question_set: null }, clock.now());
  const set = findQuestionSet(key);
  if (set === undefined) {
    const known = QUESTION_SETS.map((candidate) => `\`${candidate.key}\``).join(', ');
    throw new RosterInputError(`There is no question set \`${setKey}\`. Pick one of ${known}, or \`off\`.`);
  }
  return updatePerson(db, rep.id, { question_set: set.key }, clock.now());
}

/** When the actor's own manager digest arrives, in their local time. */
export async function setDigestTime(db: Db, clock: Clock, actor: Actor, timeText: string): Promise<Person> {
  if (!actor.person?.is_manager) {
    throw new NotAllowedError('Only managers get a digest, and you have no reps yet.');
  }
  const time = parseTimeOfDay(timeText);
  if (time === undefined)
    throw new RosterInputError(`\`${timeText}\` is not a time of day: use 12:00 or 4pm.`);
  return updatePerson(db, actor.person.id, { digest_time: time }, clock.now());
}

/** Makes someone an admin of the bot (or no longer one). Only admins may, and never about themself. */
export async function setAdmin(
  db: Db,
  clock: Clock,
  directory: PeopleDirectory,
  actor: Actor,
  slackUserId: string,
  isAdmin: boolean,
): Promise<Person> {
  await requireAdmin(db, actor, isAdmin ? 'make people admins' : 'remove admins');
  const now = clock.now();
  if (!isAdmin) {
    if (slackUserId === actor.slackUserId) {
      throw new RosterInputError(
        'You cannot remove your own admin rights: ask another admin, so the bot always keeps one.',
      );
    }
    const person = await requireRosterPerson(db, actor, slackUserId);
    return updatePerson(db, person.id, { is_admin: false }, now);
  }
  const user = await lookUpCoachableUser(directory, actor.workspaceId, slackUserId);
  return db.transaction().execute(async (trx) => {
    const person = await recordDirectoryUser(trx, actor.workspaceId, user, now);
    return updatePerson(trx, person.id, { is_admin: true }, now);
  });
}
