import type { Db } from '../../db/database.js';
import {
  listDecidedForecasts,
  listOpenOpportunitiesClosingBetween,
  listOpenOpportunitiesNewSince,
  listOpportunitiesOpenAt,
} from '../../db/queries/opportunities.js';
import { findPersonById, listTeammateIds } from '../../db/queries/people.js';
import { findLastReviewBefore, listReviewCommitments } from '../../db/queries/reviews.js';
import { sumSalesAgainstTeam } from '../../db/queries/sales-totals.js';
import { findTeamById } from '../../db/queries/teams.js';
import type { Person } from '../../db/schema.js';
import { addDays } from '../coaching/schedule.js';
import { summarizeOpportunity } from '../opportunities/summary.js';
import type { PreviousReview, ReviewAgenda, StatusReport } from './agenda.js';
import { calibrate } from './calibration.js';
import { reportingPeriods } from './periods.js';
import { stageProgress } from './vocabulary.js';

/** Part 4 looks this many days ahead of the review, today included. */
const CLOSING_SOON_DAYS = 30;

/** The rep to review is not (or no longer) in the roster. */
export class UnknownRepError extends Error {
  override name = 'UnknownRepError';
}

/**
 * Everything a review of `repId` on `today` (the reviewer's local date) shows before anyone types:
 * results against the team, calibration, what is new, what moved since the last review, what closes
 * in the next 30 days, and the last review's commitments.
 */
export async function loadReviewAgenda(
  db: Db,
  request: { repId: number; today: string; defaultCurrency: string },
): Promise<ReviewAgenda> {
  const { repId, today } = request;
  const rep = await findPersonById(db, repId);
  if (rep === undefined) throw new UnknownRepError(`No rep with id ${repId}`);
  const lastReview = await findLastReviewBefore(db, repId, today);
  const since = lastReview?.created_at ?? null;

  const [statusReport, previousReview, newOpportunities, existing, closingSoon] = await Promise.all([
    loadStatusReport(db, { rep, today, defaultCurrency: request.defaultCurrency }),
    lastReview && loadPreviousReview(db, lastReview),
    listOpenOpportunitiesNewSince(db, { personId: repId, since }),
    since === null ? [] : listOpportunitiesOpenAt(db, { personId: repId, at: since }),
    listOpenOpportunitiesClosingBetween(db, {
      personId: repId,
      from: today,
      to: addDays(today, CLOSING_SOON_DAYS),
    }),
  ]);

  return {
    repId,
    repName: rep.display_name || rep.slack_user_id,
    today,
    lastReview: previousReview ?? null,
    statusReport,
    newOpportunities: newOpportunities.map(summarizeOpportunity),
    existingOpportunities: existing.map((deal) => ({
      opportunity: summarizeOpportunity(deal.opportunity),
      stageThen: deal.stageThen,
      closeOnThen: deal.closeOnThen,
      movedForward: stageProgress(deal.stageThen, deal.opportunity.stage) > 0,
      pushesSinceLastReview: deal.pushesSince,
    })),
    closingSoon: closingSoon.map(summarizeOpportunity),
  };
}

async function loadStatusReport(
  db: Db,
  options: { rep: Person; today: string; defaultCurrency: string },
): Promise<StatusReport> {
  const { rep, today } = options;
  const [team, teammateIds, forecasts] = await Promise.all([
    rep.team_id === null ? undefined : findTeamById(db, rep.team_id),
    listTeammateIds(db, rep),
    listDecidedForecasts(db, rep.id),
  ]);
  const currency = team?.reporting_currency ?? options.defaultCurrency;
  const alone = rep.team_id === null && rep.manager_id === null;
  const periods = reportingPeriods(today);
  const totals = await sumSalesAgainstTeam(db, {
    repId: rep.id,
    // A team of one averages itself.
    teamIds: [rep.id, ...teammateIds],
    currency,
    periods: periods.map((period) => ({ key: period.period, from: period.from, to: period.to })),
  });
  return {
    currency,
    periods: periods.map((period, index) => {
      const total = totals[index] as (typeof totals)[number];
      return {
        ...period,
        rep: { revenue: total.repRevenue, deals: total.repDeals },
        // A rep with no team and no manager has no one to compare with, not an average of themself.
        teamAverage: alone ? null : { revenue: total.teamAverageRevenue, deals: total.teamAverageDeals },
      };
    }),
    calibration: calibrate(forecasts),
  };
}

async function loadPreviousReview(
  db: Db,
  review: { id: string; reviewed_on: string },
): Promise<PreviousReview> {
  const commitments = await listReviewCommitments(db, review.id);
  return {
    id: review.id,
    reviewedOn: review.reviewed_on,
    commitments: commitments.map((commitment) => ({
      id: commitment.id,
      text: commitment.text,
      ownerId: commitment.owner_id,
      ownerName: commitment.owner_name,
      dueOn: commitment.due_on,
      status: commitment.status,
    })),
  };
}
