import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { OutOfOffice, StandingsMetric } from '../schema.js';
import { anyOf } from './any-of.js';

export interface StandingsRep {
  id: number;
  slack_user_id: string;
  display_name: string;
  created_at: Date;
  paused_at: Date | null;
}

/** The reps a team's standings can name: on the team, a rep, and still someone the bot can reach. */
export async function listStandingsReps(db: Db, teamId: number): Promise<StandingsRep[]> {
  return db
    .selectFrom('people')
    .select(['id', 'slack_user_id', 'display_name', 'created_at', 'paused_at'])
    .where('team_id', '=', teamId)
    .where('is_rep', '=', true)
    .where('slack_deactivated_at', 'is', null)
    .where('inactive_reason', 'is', null)
    .execute();
}

/** Out-of-office ranges of the team's people that end on or after `fromDay`. */
export async function listTeamOutOfOffice(db: Db, teamId: number, fromDay: string): Promise<OutOfOffice[]> {
  return db
    .selectFrom('out_of_office as o')
    .innerJoin('people as p', 'p.id', 'o.person_id')
    .selectAll('o')
    .where('p.team_id', '=', teamId)
    .where('o.last_day', '>=', fromDay)
    .execute();
}

export interface WeeklyFigures {
  /** Per rep asked for: this week's and last week's figure, and whether this week is a personal best. */
  byPerson: Map<number, { figure: string; previousFigure: string; personalBest: boolean }>;
  /** Sum of this week's figures over `rankedNow`, and of last week's over `rankedBefore`. */
  total: string;
  previousTotal: string;
  /**
   * Revenue only: this week's sales of the `rankedNow` reps in a currency other than `currency`,
   * which the figures leave out, and those currencies in alphabetical order. Undefined for deals,
   * which count a sale in any currency.
   */
  uncounted?: { sales: number; currencies: string[] };
}

/** Monday 1 January of year 1 (proleptic Gregorian): days since it, divided by 7, number ISO weeks. */
const WEEK_ZERO = sql`date '0001-01-01'`;

/**
 * One pass over each rep's sales up to the end of the week, grouped by week (integer week numbers
 * from a Monday, cheaper than date_trunc on every row): the week's figure, the week before it, and
 * the best earlier week for personal bests, instead of one query per past week. Revenue counts only
 * sales in `currency`, because amounts in different currencies cannot be added; the same statement
 * (no extra round trip) counts the week's sales it left out, over the covering index. A deal is a
 * deal in any currency. Sums stay numeric and come back as decimal strings, rounded to cents for
 * revenue and whole numbers for deals.
 */
export async function sumWeeklyFigures(
  db: Db,
  options: {
    weekStart: string;
    metric: StandingsMetric;
    currency: string;
    rankedNow: readonly number[];
    rankedBefore: readonly number[];
  },
): Promise<WeeklyFigures> {
  const { weekStart, metric, currency } = options;
  const personIds = [...new Set([...options.rankedNow, ...options.rankedBefore])];
  const figure = metric === 'revenue' ? sql`sum(s.amount)` : sql`count(*)::numeric`;
  const inCurrency = metric === 'revenue' ? sql`and s.currency = ${currency}` : sql``;
  const scale = metric === 'revenue' ? 2 : 0;
  const week = sql`(${weekStart}::date - ${WEEK_ZERO}) / 7`;
  const result = await sql<{
    person_id: number;
    figure: string;
    previous_figure: string;
    personal_best: boolean;
    total: string;
    previous_total: string;
    uncounted_sales: string | null;
    uncounted_currencies: string[] | null;
  }>`
    with weekly as (
      select s.person_id,
             (s.closed_on - ${WEEK_ZERO}) / 7 as week,
             ${figure} as figure
      from sales s
      where s.person_id = any(${personIds}::int[])
        and s.closed_on < ${weekStart}::date + 7
        ${inCurrency}
      group by s.person_id, week
    ),
    per_person as (
      select r.person_id,
             round(coalesce(max(w.figure) filter (where w.week = ${week}), 0), ${scale}) as figure,
             round(coalesce(max(w.figure) filter (where w.week = ${week} - 1), 0), ${scale})
               as previous_figure,
             coalesce(max(w.figure) filter (where w.week = ${week}), 0)
               > coalesce(max(w.figure) filter (where w.week < ${week}), 0) as personal_best
      from unnest(${personIds}::int[]) as r(person_id)
      left join weekly w on w.person_id = r.person_id
      group by r.person_id
    ),
    uncounted as (
      select count(*) as sales,
             coalesce(array_agg(distinct s.currency order by s.currency), '{}') as currencies
      from sales s
      where ${metric === 'revenue' ? sql`true` : sql`false`}
        and s.person_id = any(${[...options.rankedNow]}::int[])
        and s.closed_on >= ${weekStart}::date
        and s.closed_on < ${weekStart}::date + 7
        and s.currency <> ${currency}
    )
    select p.*,
           u.sales as uncounted_sales,
           u.currencies as uncounted_currencies,
           (select round(coalesce(sum(figure), 0), ${scale}) from per_person
             where person_id = any(${[...options.rankedNow]}::int[])) as total,
           (select round(coalesce(sum(previous_figure), 0), ${scale}) from per_person
             where person_id = any(${[...options.rankedBefore]}::int[])) as previous_total
    from per_person p
    cross join uncounted u`.execute(db);
  const zero = metric === 'revenue' ? '0.00' : '0';
  const first = result.rows[0];
  return {
    byPerson: new Map(
      result.rows.map((row) => [
        row.person_id,
        { figure: row.figure, previousFigure: row.previous_figure, personalBest: row.personal_best },
      ]),
    ),
    total: first?.total ?? zero,
    previousTotal: first?.previous_total ?? zero,
    // No rows means no rep at all, so nothing was left out.
    ...(metric === 'revenue' && {
      uncounted: {
        sales: Number(first?.uncounted_sales ?? 0),
        currencies: first?.uncounted_currencies ?? [],
      },
    }),
  };
}

/**
 * Per rep, the days of the week whose check-in says sold or tried, the days answered at all, and the
 * days asked about (a prompt was sent, or an answer came anyway): what the other two are out of.
 * A check-in is about an earlier workday (Friday's is answered on Monday), so the days are counted by
 * about_date; local_date only bounds the scan to the (person, local_date) index, since a check-in is
 * made after the day it asks about and at most two weeks later (previousWorkday looks back 14 days).
 */
export async function countEffortDays(
  db: Db,
  options: { personIds: readonly number[]; weekStart: string; weekEnd: string },
): Promise<Map<number, { daysTried: number; daysAnswered: number; daysAsked: number }>> {
  if (options.personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('check_ins')
    .select([
      'person_id',
      sql<string>`count(distinct about_date) filter (where outcome in ('sold', 'tried'))`.as('days_tried'),
      sql<string>`count(distinct about_date) filter (where outcome is not null)`.as('days_answered'),
      sql<string>`count(distinct about_date) filter (where prompted_at is not null or outcome is not null)`.as(
        'days_asked',
      ),
    ])
    .where('person_id', '=', anyOf(options.personIds, 'integer'))
    .where('about_date', '>=', options.weekStart)
    .where('about_date', '<=', options.weekEnd)
    .where('local_date', '>', options.weekStart)
    .where(sql<boolean>`local_date <= ${options.weekEnd}::date + 14`)
    .groupBy('person_id')
    .execute();
  return new Map(
    rows.map((row) => [
      row.person_id,
      {
        daysTried: Number(row.days_tried),
        daysAnswered: Number(row.days_answered),
        daysAsked: Number(row.days_asked),
      },
    ]),
  );
}
