import type { Db } from '../../db/database.js';
import { assignManagerToUnmanagedReps } from '../../db/queries/people.js';
import { findTeamById, findTeamByName, insertTeam, updateTeam } from '../../db/queries/teams.js';
import type { Person, Team } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { Actor } from './actor.js';
import { type ChannelDirectory, checkStandingsChannel } from './channels.js';
import { lookUpCoachableUser, recordManager } from './coachable.js';
import type { PeopleDirectory } from './directory.js';
import { RosterInputError } from './errors.js';
import { requireAdmin, requireTeam } from './permissions.js';
import { type TeamSettingsInput, validateTeamSettings } from './team-settings.js';

export const TEAM_NAME_MAX_LENGTH = 80;

export async function createTeam(db: Db, clock: Clock, actor: Actor, name: string): Promise<Team> {
  await requireAdmin(db, actor, 'create teams');
  const trimmed = name.trim().replace(/\s+/g, ' ');
  // < and > would read as markup wherever the name is shown in Slack.
  if (trimmed === '' || trimmed.length > TEAM_NAME_MAX_LENGTH || /[<>]/.test(trimmed)) {
    throw new RosterInputError(`A team name needs 1 to ${TEAM_NAME_MAX_LENGTH} characters, without < or >.`);
  }
  if (await findTeamByName(db, actor.workspaceId, trimmed)) {
    throw new RosterInputError(`There is already a team called "${trimmed}".`);
  }
  return insertTeam(db, actor.workspaceId, trimmed, clock.now());
}

export interface TeamManagerChange {
  team: Team;
  manager: Person;
  /** Reps of the team who had no manager and now report to this one. */
  repsAssigned: number;
}

/**
 * Gives a team its manager. Reps of the team who had no manager report to them from now on; reps
 * with a manager keep theirs, since an admin may have placed them on purpose.
 */
export async function setTeamManager(
  db: Db,
  clock: Clock,
  directory: PeopleDirectory,
  actor: Actor,
  teamName: string,
  managerUserId: string,
): Promise<TeamManagerChange> {
  await requireAdmin(db, actor, 'choose team managers');
  const team = await requireTeam(db, actor, teamName);
  const user = await lookUpCoachableUser(directory, actor.workspaceId, managerUserId);
  const now = clock.now();
  return db.transaction().execute(async (trx) => {
    const manager = await recordManager(trx, actor.workspaceId, user, now);
    const updated = await updateTeam(trx, team.id, { manager_id: manager.id }, now);
    const repsAssigned = await assignManagerToUnmanagedReps(trx, team.id, manager.id, now);
    return { team: updated, manager, repsAssigned };
  });
}

export interface TeamSettingsChange {
  team: Team;
  /** The standings channel was just set and the bot still has to be invited to it. */
  botNotInChannel: boolean;
}

/**
 * Changes a team's settings (admins only), validated exactly as the App Home modal is. A standings
 * channel is checked with Slack before anything is stored: one that is gone or archived is refused.
 */
export async function changeTeamSettings(
  db: Db,
  clock: Clock,
  channels: ChannelDirectory,
  actor: Actor,
  team: { name: string } | { id: number },
  input: TeamSettingsInput,
): Promise<TeamSettingsChange> {
  await requireAdmin(db, actor, 'change team settings');
  const found = 'id' in team ? await findTeamById(db, team.id) : await requireTeam(db, actor, team.name);
  // An id from a modal's metadata is checked against the actor's workspace like any other input.
  if (found === undefined || found.workspace_id !== actor.workspaceId) {
    throw new RosterInputError('That team no longer exists.');
  }
  const validation = validateTeamSettings(input);
  if (!validation.ok) throw new RosterInputError(Object.values(validation.errors).join(' '));
  const channelId = validation.changes.standings_channel_id;
  const { botNotInChannel } =
    channelId == null || channelId === found.standings_channel_id
      ? { botNotInChannel: false }
      : await checkStandingsChannel(channels, actor.workspaceId, channelId);
  return { team: await updateTeam(db, found.id, validation.changes, clock.now()), botNotInChannel };
}
