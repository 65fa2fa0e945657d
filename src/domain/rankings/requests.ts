import type { Db } from '../../db/database.js';
import {
  claimStandingsPosts,
  findStandingsPost,
  listFailedLatestStandingsPosts,
  resetStandingsPost,
} from '../../db/queries/standings-posts.js';
import { findTeamById, findTeamManagedBy, listTeams } from '../../db/queries/teams.js';
import type { Team } from '../../db/schema.js';
import { addDays, localDate, localTimeOfDay } from '../coaching/schedule.js';
import type { Actor } from '../roster/actor.js';
import { NotAllowedError, RosterInputError } from '../roster/errors.js';
import { askToBeAdded, isOnRoster, requireAdmin, requireTeam } from '../roster/permissions.js';
import {
  type PostResult,
  postOfThisWeek,
  publishClaimed,
  type StandingsFailure,
  type StandingsPosting,
  standingsPostDueAt,
} from './posting.js';
import type { WeeklyStandings } from './standings.js';
import { currentWeek, standingsTimeZone } from './weeks.js';

/** What `/ranking` and `/ranking post` ask of the rankings. */

/** The team a person belongs to: the one they are on, else the one they manage. */
async function teamOf(db: Db, actor: Actor): Promise<Team | undefined> {
  const person = actor.person;
  if (person === undefined) return undefined;
  if (person.team_id !== null) return findTeamById(db, person.team_id);
  return person.is_manager ? findTeamManagedBy(db, person.id) : undefined;
}

/** `/ranking`: the actor's team's standings for the current week, so far. */
export async function standingsSoFar(posting: StandingsPosting, actor: Actor): Promise<WeeklyStandings> {
  return (await rankingSoFar(posting, actor)).standings;
}

/** When and where the week shown so far will be posted for the team: never without a channel. */
export interface FinalStandingsPost {
  /** Null: the team has no standings channel, so the week is posted nowhere. */
  channelId: string | null;
  /** The team's local date and time of day ('HH:MM') of the post, in `timeZone`. */
  on: string;
  at: string;
  timeZone: string;
}

/** `/ranking` with where its week ends up: the standings so far and the post they will become. */
export async function rankingSoFar(
  posting: StandingsPosting,
  actor: Actor,
): Promise<{ standings: WeeklyStandings; finalPost: FinalStandingsPost }> {
  const { db, clock, policy } = posting;
  const team = await teamOf(db, actor);
  if (team === undefined) {
    // Someone the roster does not know needs adding, not a team: say so, and whom to ask by name.
    const onRoster = actor.isAdmin || isOnRoster(actor.person);
    const ask = await askToBeAdded(db, actor.workspaceId, onRoster ? 'add you to one' : 'add you to a team');
    throw new NotAllowedError(
      `${onRoster ? 'You are not on a team' : 'You are not on the roster'}, so there are no standings to show you. ${ask}`,
    );
  }
  const { weekStart } = currentWeek(team, clock.now(), policy.defaultTimeZone);
  const timeZone = standingsTimeZone(team, policy.defaultTimeZone);
  // The week is posted in the week after it, when standingsPostDueAt says (on the standings day,
  // unless the answers about the week's last workday are not in yet).
  const dueAt = standingsPostDueAt(team, addDays(weekStart, 7), policy.defaultTimeZone);
  const standings = await posting.computeStandings(db, {
    teamId: team.id,
    weekStart,
    defaultCurrency: policy.defaultCurrency,
    defaultTimeZone: policy.defaultTimeZone,
  });
  return {
    standings,
    finalPost: {
      channelId: team.standings_channel_id,
      on: localDate(dueAt, timeZone),
      at: localTimeOfDay(dueAt, timeZone),
      timeZone,
    },
  };
}

export type RerunResult = { team: Team; weekStart: string } & (
  | PostResult
  | { kind: 'already_posted'; channelId: string | null; ts: string | null }
  /** Another replica is posting it right now. */
  | { kind: 'in_progress' }
);

/**
 * `/ranking post [team]` (admins): the last week's post of the admin's team, or of the team named,
 * posted now. A failed or dropped week is reset and tried again; a posted one is never posted twice.
 */
export async function rerunStandingsPost(
  posting: StandingsPosting,
  actor: Actor,
  teamName: string | undefined,
): Promise<RerunResult> {
  const { db, clock, policy } = posting;
  await requireAdmin(db, actor, 'post the weekly standings');
  const team = teamName === undefined ? await teamOf(db, actor) : await requireTeam(db, actor, teamName);
  if (team === undefined) {
    throw new RosterInputError('Which team? Name it after `/ranking post`, e.g. `/ranking post EMEA`.');
  }
  if (team.standings_channel_id === null) {
    throw new RosterInputError(
      `Team *${team.name}* has no standings channel yet. Pick one with \`/coach team "${team.name}" channel #channel\`, then try again.`,
    );
  }
  const now = clock.now();
  const { weekStart } = postOfThisWeek(team, now, policy.defaultTimeZone);
  const existing = await findStandingsPost(db, team.id, weekStart);
  if (existing?.status === 'posted') {
    return {
      team,
      weekStart,
      kind: 'already_posted',
      channelId: existing.channel_id,
      ts: existing.message_ts,
    };
  }
  const reset = await resetStandingsPost(
    db,
    { workspace_id: team.workspace_id, team_id: team.id, week_start: weekStart, due_at: now },
    now,
  );
  const claimed =
    reset === undefined
      ? []
      : await claimStandingsPosts(db, {
          now,
          leaseUntil: new Date(now.getTime() + policy.leaseMs),
          workerId: posting.workerId,
          dueSince: now,
          limit: 1,
          id: reset.id,
        });
  if (claimed.length === 0) return { team, weekStart, kind: 'in_progress' };
  const round = await publishClaimed(posting, claimed);
  const [first] = round.results;
  if (first === undefined) throw round.errors[0]?.error ?? new Error('the post was neither made nor failed');
  return { team, weekStart, ...first.result };
}

/**
 * Weekly posts that failed and were not posted since, for the Home tab: an admin sees every team's,
 * a manager their own team's, anyone else none.
 */
export async function standingsFailuresFor(db: Db, actor: Actor): Promise<StandingsFailure[]> {
  const managed = actor.person?.is_manager ? await findTeamManagedBy(db, actor.person.id) : undefined;
  const teams = actor.isAdmin ? await listTeams(db, actor.workspaceId) : managed ? [managed] : [];
  const byId = new Map(teams.map((team) => [team.id, team]));
  const failed = await listFailedLatestStandingsPosts(db, [...byId.keys()]);
  return failed.map((post) => ({
    workspaceId: post.workspace_id,
    teamName: byId.get(post.team_id)?.name ?? '',
    channelId: post.channel_id ?? byId.get(post.team_id)?.standings_channel_id ?? null,
    weekStart: post.week_start,
    reason: post.failure_reason ?? 'unknown',
  }));
}
