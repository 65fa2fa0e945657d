import type { StandingsMetric } from '../../db/schema.js';

// The contract between the standings computation and what shows them (the channel post, the chart,
// /ranking). Figures are decimal strings for revenue and integer strings for deals.

export type { StandingsMetric };

export type Movement =
  | { kind: 'up'; places: number }
  | { kind: 'down'; places: number }
  | { kind: 'same' }
  | { kind: 'new' };

export interface StandingsEntry {
  personId: number;
  slackUserId: string;
  name: string;
  /** Competition ranking: ties share a rank and the next rank skips (1, 2, 2, 4). */
  rank: number;
  figure: string;
  /** Against the previous week's rank; 'new' when the rep was not ranked then. */
  movement: Movement;
  /** This week beats every earlier week of this rep (and is above zero). */
  personalBest: boolean;
}

export interface EffortEntry {
  personId: number;
  slackUserId: string;
  name: string;
  rank: number;
  /** Workdays this week whose check-in says sold or tried. */
  daysTried: number;
  /** Workdays this week with any answer. */
  daysAnswered: number;
  /**
   * Workdays this week the rep was asked about (prompted, or answered anyway): what the two counts
   * above are out of, since a rep who joined mid-week or was away some days was asked fewer times.
   */
  daysAsked: number;
}

export interface WeeklyStandings {
  teamId: number;
  teamName: string;
  metric: StandingsMetric;
  /** The team's reporting currency. */
  currency: string;
  /** Local Monday and Sunday of the week, inclusive. */
  weekStart: string;
  weekEnd: string;
  entries: StandingsEntry[];
  effort: EffortEntry[];
  /**
   * Out of office every workday of the week, or check-ins paused for all of it: not ranked. Only the rep's own Home names them; the
   * channel post and `/ranking` give a count, since an absence is personal.
   */
  outOfOffice: { personId: number; slackUserId: string; name: string }[];
  total: string;
  /** Null when there is no previous week to compare with. */
  previousTotal: string | null;
  /**
   * Revenue only: how many of this week's sales of the ranked reps are in a currency other than the
   * team's, so left out of the figures, and which currencies (alphabetical). The post and `/ranking`
   * give the count, never whose sales. Absent for deals (a deal counts in any currency) and in a
   * snapshot saved before it was computed.
   */
  uncounted?: { sales: number; currencies: string[] };
}
