import type { Db } from '../../db/database.js';
import { listReportsOf } from '../../db/queries/people.js';
import { listRepIdsReviewedBetween } from '../../db/queries/review-coverage.js';
import type { Person } from '../../db/schema.js';
import { addDays } from '../coaching/schedule.js';

/** The monthly nudge: the manager's reps who have no review for the month before. */
export interface ReviewReminder {
  /** The month the reviews are missing for, 'YYYY-MM'. */
  month: string;
  /** By name; empty when every rep has had their review. */
  repsWithoutReview: Array<{ name: string; slackUserId: string }>;
}

/** The calendar month before the one `localDate` is in, as its first and last dates. */
export function previousMonth(localDate: string): { first: string; last: string } {
  const last = addDays(`${localDate.slice(0, 8)}01`, -1);
  return { first: `${last.slice(0, 8)}01`, last };
}

/**
 * Who among a manager's active reps has no review dated in the month before `localDate` (the
 * manager's date). Reps gone from Slack are left out: there is no one left to review.
 * Undefined when the manager has no reps any more.
 */
export async function composeReviewReminder(
  db: Db,
  manager: Person,
  localDate: string,
): Promise<ReviewReminder | undefined> {
  const reps = (await listReportsOf(db, manager.id)).filter(
    (rep) => rep.slack_deactivated_at === null && rep.inactive_reason === null,
  );
  if (reps.length === 0) return undefined;
  const month = previousMonth(localDate);
  const reviewed = await listRepIdsReviewedBetween(db, {
    repIds: reps.map((rep) => rep.id),
    from: month.first,
    to: month.last,
  });
  return {
    month: month.first.slice(0, 7),
    repsWithoutReview: reps
      .filter((rep) => !reviewed.has(rep.id))
      .map((rep) => ({ name: rep.display_name || rep.slack_user_id, slackUserId: rep.slack_user_id })),
  };
}
