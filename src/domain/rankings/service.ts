import type { Db } from '../../db/database.js';
import {
  countEffortDays,
  listStandingsReps,
  listTeamOutOfOffice,
  type StandingsRep,
  sumWeeklyFigures,
} from '../../db/queries/rankings.js';
import { findTeamById } from '../../db/queries/teams.js';
import type { OutOfOffice } from '../../db/schema.js';
import { addDays, atLocalTime, isWorkday, type WorkSchedule, weekday } from '../coaching/schedule.js';
import { byName, compareDecimals, competitionRanking, movementSince } from './ranking.js';
import type { EffortEntry, StandingsEntry, WeeklyStandings } from './standings.js';
import { type StandingsWeek, standingsTimeZone, weekContaining } from './weeks.js';

/** The team asked for is gone (deleted between the tick and the computation). */
export class UnknownTeamError extends Error {
  override name = 'UnknownTeamError';
}

export interface StandingsRequest {
  teamId: number;
  /** The local Monday of the week. */
  weekStart: string;
  /** The bot's DEFAULT_CURRENCY, for a team without a reporting currency of its own. */
  defaultCurrency: string;
  /** The bot's DEFAULT_TIMEZONE, for a team without a zone: it decides when a week ended for a rep who joined that week. */
  defaultTimeZone: string;
}

/**
 * A team's standings for one week: the reps ranked on the team's metric with their movement since the
 * week before (ranked the same way) and personal bests, the effort board, and who was away all week.
 */
export async function computeWeeklyStandings(db: Db, request: StandingsRequest): Promise<WeeklyStandings> {
  if (weekday(request.weekStart) !== 1)
    throw new RangeError(`A standings week starts on a Monday: ${request.weekStart}`);
  const week = weekContaining(request.weekStart);
  const previousWeek = weekContaining(addDays(week.weekStart, -7));
  // Independent reads side by side: a round trip each is most of a team's time on a busy server.
  const [team, reps, ranges] = await Promise.all([
    findTeamById(db, request.teamId),
    listStandingsReps(db, request.teamId),
    listTeamOutOfOffice(db, request.teamId, previousWeek.weekStart),
  ]);
  if (team === undefined) throw new UnknownTeamError(`No team with id ${request.teamId}`);
  const zone = standingsTimeZone(team, request.defaultTimeZone);
  const schedule: WorkSchedule = { workdays: team.workdays, holidayCountry: team.holiday_country };
  const currency = team.reporting_currency ?? request.defaultCurrency;

  const thisWeek = splitRoster(reps, ranges, week, schedule, zone);
  const lastWeek = splitRoster(reps, ranges, previousWeek, schedule, zone);
  const [figures, effort] = await Promise.all([
    sumWeeklyFigures(db, {
      weekStart: week.weekStart,
      metric: team.standings_metric,
      currency,
      rankedNow: thisWeek.ranked.map((rep) => rep.id),
      rankedBefore: lastWeek.ranked.map((rep) => rep.id),
    }),
    countEffortDays(db, { personIds: thisWeek.ranked.map((rep) => rep.id), ...week }),
  ]);

  // sumWeeklyFigures answers for every rep ranked in either week.
  const figureOf = (rep: StandingsRep) => figures.byPerson.get(rep.id)!;
  const byFigure = (a: { figure: string }, b: { figure: string }) => compareDecimals(b.figure, a.figure);
  const previousRanks = new Map(
    competitionRanking(
      lastWeek.ranked.map((rep) => ({ ...identity(rep), figure: figureOf(rep).previousFigure })),
      byFigure,
    ).map((entry) => [entry.personId, entry.rank]),
  );
  const entries: StandingsEntry[] = competitionRanking(
    thisWeek.ranked.map((rep) => ({ ...identity(rep), ...figureOf(rep) })),
    byFigure,
  ).map(({ previousFigure: _, ...entry }) => ({
    ...entry,
    movement: movementSince(previousRanks.get(entry.personId), entry.rank),
  }));
  const effortBoard: EffortEntry[] = competitionRanking(
    thisWeek.ranked.map((rep) => ({
      ...identity(rep),
      ...(effort.get(rep.id) ?? { daysTried: 0, daysAnswered: 0, daysAsked: 0 }),
    })),
    // Ranked on days, not on the share of days asked: a rep sets their own days asked (Pause and days
    // off are on their Home), so a share would reward pausing on the days they would not try, and 1 of 1
    // would beat 4 of 5. The board shows "of N days asked" beside each count instead.
    (a, b) => b.daysTried - a.daysTried || b.daysAnswered - a.daysAnswered,
  );

  return {
    teamId: team.id,
    teamName: team.name,
    metric: team.standings_metric,
    currency,
    ...week,
    entries,
    effort: effortBoard,
    outOfOffice: thisWeek.away.map(identity).sort(byName),
    total: figures.total,
    previousTotal: lastWeek.ranked.length === 0 ? null : figures.previousTotal,
    ...(figures.uncounted && { uncounted: figures.uncounted }),
  };
}

function identity(rep: StandingsRep) {
  return { personId: rep.id, slackUserId: rep.slack_user_id, name: rep.display_name };
}

/**
 * Who a week ranks and who it lists apart. A rep counts from the week they joined the roster (so a
 * newcomer shows as new, not as having dropped from nowhere); one out of office on every workday of
 * the week, or paused for all of it, is listed apart rather than ranked last for a week they were not
 * asked about.
 *
 * Paused all week means paused_at is at or before the week's first instant. paused_at is the only
 * record of a pause: resuming clears it and pausing again sets a new time, so a paused_at from before
 * the week means the rep stayed paused from then until now, through the whole week. A rep paused
 * during the week was asked on its first days and stays ranked. A rep who paused before the week and
 * resumed after it has no trace of that pause left and is ranked like anyone.
 */
function splitRoster(
  reps: readonly StandingsRep[],
  ranges: readonly OutOfOffice[],
  week: StandingsWeek,
  schedule: WorkSchedule,
  zone: string,
): { ranked: StandingsRep[]; away: StandingsRep[] } {
  const weekBegan = atLocalTime(week.weekStart, '00:00', zone);
  const weekOver = atLocalTime(addDays(week.weekEnd, 1), '00:00', zone);
  const workdays = Array.from({ length: 7 }, (_, offset) => addDays(week.weekStart, offset)).filter((date) =>
    isWorkday(date, schedule),
  );
  const ranked: StandingsRep[] = [];
  const away: StandingsRep[] = [];
  for (const rep of reps) {
    if (rep.created_at >= weekOver) continue;
    const own = ranges.filter((range) => range.person_id === rep.id);
    const pausedAllWeek = rep.paused_at !== null && rep.paused_at <= weekBegan;
    const awayAllWeek =
      pausedAllWeek ||
      (workdays.length > 0 &&
        workdays.every((date) => own.some((range) => range.first_day <= date && date <= range.last_day)));
    (awayAllWeek ? away : ranked).push(rep);
  }
  return { ranked, away };
}
