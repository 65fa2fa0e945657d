import type { Team } from '../../db/schema.js';
import { addDays, localDate, preferredZone, weekday } from '../coaching/schedule.js';

/** A standings week: local Monday to Sunday, inclusive, 'YYYY-MM-DD'. */
export interface StandingsWeek {
  weekStart: string;
  weekEnd: string;
}

/** The team's zone, or the bot's default when the team has none (or one the tz database no longer knows). */
export function standingsTimeZone(team: Pick<Team, 'timezone'>, defaultTimeZone: string): string {
  return preferredZone(defaultTimeZone, team.timezone);
}

export function weekContaining(date: string): StandingsWeek {
  const weekStart = addDays(date, 1 - weekday(date));
  return { weekStart, weekEnd: addDays(weekStart, 6) };
}

/**
 * The week /ranking shows: the one under way in the team's time zone at `instant`, so a team in
 * New York still sees last week's board on a Sunday evening while UTC has already moved on.
 */
export function currentWeek(
  team: Pick<Team, 'timezone'>,
  instant: Date,
  defaultTimeZone: string,
): StandingsWeek {
  return weekContaining(localDate(instant, standingsTimeZone(team, defaultTimeZone)));
}

/** The week a post at `instant` covers: the last full week, Monday to Sunday in the team's time zone. */
export function weekToPost(
  team: Pick<Team, 'timezone'>,
  instant: Date,
  defaultTimeZone: string,
): StandingsWeek {
  return weekContaining(addDays(currentWeek(team, instant, defaultTimeZone).weekStart, -7));
}
