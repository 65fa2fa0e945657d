import type { Db } from '../../db/database.js';
import { listOutOfOffice } from '../../db/queries/out-of-office.js';
import {
  findPeopleByIds,
  findPersonBySlackId,
  listReportsOf,
  listRosterPeople,
  workspaceHasRep,
} from '../../db/queries/people.js';
import { findTeamById, findTeamsByIds, listTeams } from '../../db/queries/teams.js';
import type { Person, StandingsMetric, Team } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { DEFAULT_PROMPT_TIME, formatTimeOfDay, localDate, preferredZone } from '../coaching/schedule.js';
import { listOpenCommitments, type OpenCommitmentsPage } from '../deal-review/follow-ups.js';
import type { Actor } from './actor.js';
import { NotAllowedError, RosterInputError } from './errors.js';
import { type SetupProgress, setupProgress } from './getting-started.js';
import { earliestToday } from './out-of-office.js';
import { askToBeAdded, isOnRoster, requireAdmin } from './permissions.js';

/** One person as the roster shows them to their manager or an admin. */
export interface RosterEntry {
  slackUserId: string;
  displayName: string;
  isRep: boolean;
  isManager: boolean;
  isAdmin: boolean;
  teamName: string | null;
  managerSlackUserId: string | null;
  /** 'HH:MM' the prompt goes out, local to the rep. */
  promptTime: string;
  /** Where promptTime comes from: the rep's own setting, their team's, or the default. */
  promptTimeSource: 'own' | 'team' | 'default';
  paused: boolean;
  /** Current and future ranges, earliest first. */
  outOfOffice: Array<{ firstDay: string; lastDay: string }>;
  /** Why the person gets no messages (deactivated in Slack…), shown so a manager can act on it. */
  inactiveReason: string | null;
  questionSet: string | null;
}

/** A team as the admin's settings show it. */
export interface TeamSummary {
  id: number;
  name: string;
  managerSlackUserId: string | null;
  standingsChannelId: string | null;
  promptTime: string;
  workdays: number[];
  holidayCountry: string | null;
  timeZone: string | null;
  reminderDelayMinutes: number;
  /** ISO weekday and local 'HH:MM' of the weekly standings post. */
  standingsWeekday: number;
  standingsTime: string;
  standingsMetric: StandingsMetric;
  /** null: the bot's DEFAULT_CURRENCY. */
  reportingCurrency: string | null;
}

async function rosterEntries(db: Db, people: Person[], now: Date): Promise<RosterEntry[]> {
  const ids = people.map((person) => person.id);
  const teamIds = [...new Set(people.map((person) => person.team_id).filter((id) => id !== null))];
  const managerIds = [...new Set(people.map((person) => person.manager_id).filter((id) => id !== null))];
  const teams = new Map((await findTeamsByIds(db, teamIds)).map((team) => [team.id, team]));
  const managers = new Map((await findPeopleByIds(db, managerIds)).map((manager) => [manager.id, manager]));
  const rangesOf = new Map<number, Array<{ firstDay: string; lastDay: string }>>();
  for (const range of await listOutOfOffice(db, ids, earliestToday(now))) {
    const list = rangesOf.get(range.person_id) ?? [];
    rangesOf.set(range.person_id, list);
    list.push({ firstDay: range.first_day, lastDay: range.last_day });
  }
  return people.map((person) => {
    const team = person.team_id === null ? undefined : teams.get(person.team_id);
    const promptTimeSource = person.prompt_time !== null ? 'own' : team ? 'team' : 'default';
    return {
      slackUserId: person.slack_user_id,
      displayName: person.display_name,
      isRep: person.is_rep,
      isManager: person.is_manager,
      isAdmin: person.is_admin,
      teamName: team?.name ?? null,
      managerSlackUserId:
        person.manager_id === null ? null : (managers.get(person.manager_id)?.slack_user_id ?? null),
      promptTime: formatTimeOfDay(person.prompt_time ?? team?.prompt_time ?? DEFAULT_PROMPT_TIME),
      promptTimeSource,
      paused: person.paused_at !== null,
      outOfOffice: rangesOf.get(person.id) ?? [],
      inactiveReason: person.inactive_reason,
      questionSet: person.question_set,
    };
  });
}

/** A team row as the settings show it; the manager is resolved by the caller. */
export function summarizeTeam(team: Team, managerSlackUserId: string | null): TeamSummary {
  return {
    id: team.id,
    name: team.name,
    managerSlackUserId,
    standingsChannelId: team.standings_channel_id,
    promptTime: formatTimeOfDay(team.prompt_time),
    workdays: team.workdays,
    holidayCountry: team.holiday_country,
    timeZone: team.timezone,
    reminderDelayMinutes: team.reminder_delay_minutes,
    standingsWeekday: team.standings_weekday,
    standingsTime: formatTimeOfDay(team.standings_time),
    standingsMetric: team.standings_metric,
    reportingCurrency: team.reporting_currency,
  };
}

async function teamSummaries(db: Db, teams: Team[]): Promise<TeamSummary[]> {
  const managerIds = [...new Set(teams.map((team) => team.manager_id).filter((id) => id !== null))];
  const managers = new Map((await findPeopleByIds(db, managerIds)).map((manager) => [manager.id, manager]));
  return teams.map((team) =>
    summarizeTeam(
      team,
      team.manager_id === null ? null : (managers.get(team.manager_id)?.slack_user_id ?? null),
    ),
  );
}

export type RosterListing =
  | { scope: 'everyone'; entries: RosterEntry[]; teams: TeamSummary[] }
  /** A manager's reps, and their own settings (`me`) when they are a rep too. */
  | { scope: 'reports'; me: RosterEntry | undefined; entries: RosterEntry[] }
  | { scope: 'self'; entries: RosterEntry[] };

/**
 * `/coach roster`: an admin sees everyone and the teams, a manager their reps (and their own settings
 * when they are a rep too), a rep only themself; nobody sees a peer's settings.
 */
export async function listRoster(db: Db, clock: Clock, actor: Actor): Promise<RosterListing> {
  const now = clock.now();
  if (actor.isAdmin) {
    const [people, teams] = [
      await listRosterPeople(db, actor.workspaceId),
      await listTeams(db, actor.workspaceId),
    ];
    return {
      scope: 'everyone',
      entries: await rosterEntries(db, people, now),
      teams: await teamSummaries(db, teams),
    };
  }
  const me = actor.person;
  if (me?.is_manager) {
    // The manager and their reps in one pass, as on the Home tab.
    const reports = await listReportsOf(db, me.id);
    const entries = await rosterEntries(db, [...(me.is_rep ? [me] : []), ...reports], now);
    const mine = me.is_rep ? entries.shift() : undefined;
    return { scope: 'reports', me: mine, entries };
  }
  if (me?.is_rep) return { scope: 'self', entries: await rosterEntries(db, [me], now) };
  throw new NotAllowedError(`You are not on the roster. ${await askToBeAdded(db, actor.workspaceId)}`);
}

/** What the App Home settings show the viewer: their own settings, their reps, and for admins the teams. */
export interface HomeSettings {
  me: RosterEntry | undefined;
  reports: RosterEntry[] | undefined;
  teams: TeamSummary[] | undefined;
  /** What the viewer agreed to in deal reviews and has not done yet. */
  commitments?: OpenCommitmentsPage;
  /** For an admin while the workspace's first setup is unfinished: which steps are done. */
  setup?: SetupProgress;
  /** For a viewer not on the roster: whom to ask to be added, admins named (mrkdwn mentions). */
  askToBeAdded?: string;
}

/**
 * The viewer's settings; `actor.person` must be current (publishHome re-reads it after a change).
 * `defaultTimeZone` is the bot's DEFAULT_TIMEZONE, for a viewer whose profile and team have no zone.
 */
export async function homeSettings(
  db: Db,
  clock: Clock,
  actor: Actor,
  defaultTimeZone: string,
): Promise<HomeSettings> {
  const now = clock.now();
  const me = actor.person;
  const reportPeople = me?.is_manager ? await listReportsOf(db, me.id) : undefined;
  // The viewer and their reps in one pass: one read of teams, managers and days off for all of them.
  const entries = await rosterEntries(db, [...(me?.is_rep ? [me] : []), ...(reportPeople ?? [])], now);
  const mine = me?.is_rep ? entries.shift() : undefined;
  const reports = reportPeople === undefined ? undefined : entries;
  const teams = actor.isAdmin ? await teamSummaries(db, await listTeams(db, actor.workspaceId)) : undefined;
  // The teams are loaded for the admin's list anyway: only "is there a rep yet" costs a query.
  const setup = teams ? setupProgress(teams, await workspaceHasRep(db, actor.workspaceId)) : undefined;
  const commitments = me ? await listOpenCommitments(db, clock, me, defaultTimeZone) : undefined;
  const ask = actor.isAdmin || isOnRoster(me) ? undefined : await askToBeAdded(db, actor.workspaceId);
  return {
    me: mine,
    reports,
    teams,
    ...(commitments ? { commitments } : {}),
    ...(setup ? { setup } : {}),
    ...(ask ? { askToBeAdded: ask } : {}),
  };
}

/**
 * The viewer's local date, counted as their prompts count it (their zone, their team's, else the bot's
 * default), so days off they pick line up with the prompts they skip.
 */
export async function viewerToday(
  db: Db,
  clock: Clock,
  viewer: { workspaceId: string; slackUserId: string },
  defaultTimeZone: string,
): Promise<string> {
  const person = await findPersonBySlackId(db, viewer.workspaceId, viewer.slackUserId);
  const team = person && person.team_id !== null ? await findTeamById(db, person.team_id) : undefined;
  return localDate(clock.now(), preferredZone(defaultTimeZone, person?.timezone, team?.timezone));
}

/** One team's settings, for the admin's edit form. */
export async function teamSettingsFor(db: Db, actor: Actor, teamId: number): Promise<TeamSummary> {
  await requireAdmin(db, actor, 'change team settings');
  const team = await findTeamById(db, teamId);
  if (team === undefined || team.workspace_id !== actor.workspaceId) {
    throw new RosterInputError('That team no longer exists.');
  }
  const [summary] = await teamSummaries(db, [team]);
  return summary!;
}
