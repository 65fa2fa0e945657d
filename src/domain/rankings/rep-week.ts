import { type CheckInStreaks, checkInStreaks } from '../coaching/streaks.js';
import type { Actor } from '../roster/actor.js';
import type { StandingsPosting } from './posting.js';
import { standingsSoFar } from './requests.js';
import type { WeeklyStandings } from './standings.js';

/** A rep's week at a glance, for their Home: where they stand so far, and their streaks. */
export interface RepWeek {
  slackUserId: string;
  /** Their team's standings so far this week; undefined for a rep on no team. */
  standings: WeeklyStandings | undefined;
  streaks: CheckInStreaks;
}

/** Undefined for someone who is not a rep (a manager or an admin only): they have no week to show. */
export async function repWeek(posting: StandingsPosting, actor: Actor): Promise<RepWeek | undefined> {
  const person = actor.person;
  if (person === undefined || !person.is_rep) return undefined;
  const [standings, streaks] = await Promise.all([
    person.team_id === null ? undefined : standingsSoFar(posting, actor),
    checkInStreaks(posting.db, person.id),
  ]);
  return { slackUserId: actor.slackUserId, standings, streaks };
}
