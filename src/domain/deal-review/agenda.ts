import type { OpportunityFields } from '../../db/queries/opportunities.js';
import type { CommitmentStatus, OpportunityStage } from '../../db/schema.js';
import type { BuyerAction } from './vocabulary.js';

// The contract between what a review shows (computed from sales, opportunities and their revisions)
// and the modal that shows it. Amounts are decimal strings, dates local 'YYYY-MM-DD'.

export interface PeriodResult {
  period: 'year_to_date' | 'last_quarter' | 'last_month';
  /** Inclusive local dates. */
  from: string;
  to: string;
  rep: { revenue: string; deals: number };
  /**
   * Average per rep of the rep's team over the same period (the rep included); without a team, of
   * their manager's reps. Null for a rep with neither: there is no one to compare with.
   */
  teamAverage: { revenue: string; deals: number } | null;
}

/** "Sam's 80% deals: won 1 of 4": stated probabilities against what actually closed. */
export interface CalibrationBucket {
  /** The bucket's stated probability rounded to the nearest 10, halves up: 80 stands for 75–84 %. */
  stated: number;
  /** Forecast deals in this bucket that have an outcome (won or lost). */
  decided: number;
  won: number;
}

export interface StatusReport {
  /** The team's reporting currency: revenue sums only sales in it. */
  currency: string;
  periods: PeriodResult[];
  /** Empty until some forecast deal has been won or lost. */
  calibration: CalibrationBucket[];
}

/** A deal as reviews and the Home show it: what was said about it, its id and its close-date pushes. */
export interface OpportunitySummary extends OpportunityFields {
  id: string;
  closeDatePushes: number;
  /** Only actions the vocabulary still knows. */
  buyerActions: BuyerAction[];
}

export interface OpportunityMovement {
  opportunity: OpportunitySummary;
  /** As it was at the last review (the latest revision recorded before it). */
  stageThen: OpportunityStage;
  closeOnThen: string;
  movedForward: boolean;
  /** How many times the close date moved later since the last review. */
  pushesSinceLastReview: number;
}

export interface CommitmentSummary {
  id: string;
  text: string;
  ownerId: number;
  ownerName: string;
  dueOn: string;
  status: CommitmentStatus;
}

export interface PreviousReview {
  id: string;
  reviewedOn: string;
  commitments: CommitmentSummary[];
}

export interface ReviewAgenda {
  repId: number;
  repName: string;
  /** The reviewer's local date: periods and "next 30 days" count from it. */
  today: string;
  lastReview: PreviousReview | null;
  statusReport: StatusReport;
  /** Part 2: created since the last review (all open ones when there is none). */
  newOpportunities: OpportunitySummary[];
  /** Part 3: open before the last review; moved forward or not. */
  existingOpportunities: OpportunityMovement[];
  /** Part 4: open, expected to close within 30 days of today. */
  closingSoon: OpportunitySummary[];
}
