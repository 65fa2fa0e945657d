import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { CommitmentStatus, Review, ReviewDraft } from '../schema.js';

/** A rep's latest review held before `date` (a local 'YYYY-MM-DD'): the one the next review looks back to. */
export async function findLastReviewBefore(db: Db, repId: number, date: string): Promise<Review | undefined> {
  return db
    .selectFrom('reviews')
    .selectAll()
    .where('rep_id', '=', repId)
    .where('reviewed_on', '<', date)
    .orderBy('reviewed_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The next steps a review agreed, in the order they were written, with their owner's name. */
export async function listReviewCommitments(
  db: Db,
  reviewId: string,
): Promise<
  Array<{
    id: string;
    text: string;
    owner_id: number;
    owner_name: string;
    due_on: string;
    status: CommitmentStatus;
  }>
> {
  return db
    .selectFrom('commitments as c')
    .innerJoin('people as owner', 'owner.id', 'c.owner_id')
    .select([
      'c.id',
      'c.text',
      'c.owner_id',
      // A person Slack gave no display name is still someone: show their user id rather than nothing.
      sql<string>`coalesce(nullif(owner.display_name, ''), owner.slack_user_id)`.as('owner_name'),
      'c.due_on',
      'c.status',
    ])
    .where('c.review_id', '=', reviewId)
    .orderBy('c.position')
    .execute();
}

export async function findReviewDraft(
  db: Db,
  managerId: number,
  repId: number,
): Promise<ReviewDraft | undefined> {
  return db
    .selectFrom('review_drafts')
    .selectAll()
    .where('manager_id', '=', managerId)
    .where('rep_id', '=', repId)
    .executeTakeFirst();
}

/** The draft by id; `lock` holds it until the transaction ends, so two submissions take turns. */
export async function findReviewDraftById(
  db: Db,
  draftId: string,
  options: { lock?: boolean } = {},
): Promise<ReviewDraft | undefined> {
  const query = db.selectFrom('review_drafts').selectAll().where('id', '=', draftId);
  return (options.lock ? query.forUpdate() : query).executeTakeFirst();
}

/** Creates the manager's draft for the rep, or replaces its step and state; the version goes up by one. */
export async function saveReviewDraft(
  db: Db,
  draft: {
    workspaceId: string;
    managerId: number;
    repId: number;
    step: string;
    state: Record<string, unknown>;
  },
  now: Date,
): Promise<ReviewDraft> {
  return db
    .insertInto('review_drafts')
    .values({
      workspace_id: draft.workspaceId,
      manager_id: draft.managerId,
      rep_id: draft.repId,
      step: draft.step,
      state: JSON.stringify(draft.state),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['manager_id', 'rep_id']).doUpdateSet((eb) => ({
        step: eb.ref('excluded.step'),
        state: eb.ref('excluded.state'),
        version: sql<number>`review_drafts.version + 1`,
        updated_at: now,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteReviewDraft(db: Db, draftId: string): Promise<void> {
  await db.deleteFrom('review_drafts').where('id', '=', draftId).execute();
}

export async function findReviewBySubmissionKey(db: Db, submissionKey: string): Promise<Review | undefined> {
  return db.selectFrom('reviews').selectAll().where('submission_key', '=', submissionKey).executeTakeFirst();
}

/** The new review's id, or undefined when a review with this submission key is already stored. */
export async function insertReview(
  db: Db,
  review: {
    workspaceId: string;
    repId: number;
    managerId: number;
    reviewedOn: string;
    content: Record<string, unknown>;
    submissionKey: string;
  },
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .insertInto('reviews')
    .values({
      workspace_id: review.workspaceId,
      rep_id: review.repId,
      manager_id: review.managerId,
      reviewed_on: review.reviewedOn,
      content: JSON.stringify(review.content),
      submission_key: review.submissionKey,
      created_at: now,
    })
    .onConflict((oc) => oc.column('submission_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function insertReviewForecasts(
  db: Db,
  reviewId: string,
  forecasts: ReadonlyArray<{
    opportunityId: string;
    probability: number;
    amount: string;
    buyerActions: string[];
    buyerActionsNote: string | null;
    probabilityReason: string | null;
    improveOdds: string | null;
  }>,
): Promise<void> {
  if (forecasts.length === 0) return;
  await db
    .insertInto('review_forecasts')
    .values(
      forecasts.map((forecast) => ({
        review_id: reviewId,
        opportunity_id: forecast.opportunityId,
        probability: forecast.probability,
        amount: forecast.amount,
        buyer_actions: forecast.buyerActions,
        buyer_actions_note: forecast.buyerActionsNote,
        probability_reason: forecast.probabilityReason,
        improve_odds: forecast.improveOdds,
      })),
    )
    .execute();
}

export async function insertCommitments(
  db: Db,
  review: { reviewId: string; workspaceId: string; repId: number },
  commitments: ReadonlyArray<{ position: number; ownerId: number; text: string; dueOn: string }>,
  now: Date,
): Promise<void> {
  if (commitments.length === 0) return;
  await db
    .insertInto('commitments')
    .values(
      commitments.map((commitment) => ({
        workspace_id: review.workspaceId,
        review_id: review.reviewId,
        rep_id: review.repId,
        owner_id: commitment.ownerId,
        position: commitment.position,
        text: commitment.text,
        due_on: commitment.dueOn,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

/**
 * Takes the summary post of a review for `leaseMs`, when nobody has posted it, nobody holds it and it
 * has not failed for good. Counts the attempt, so a later holder knows to look for an earlier post.
 */
export async function claimReviewSummary(
  db: Db,
  reviewId: string,
  now: Date,
  leaseMs: number,
): Promise<Review | undefined> {
  return db
    .updateTable('reviews')
    .set((eb) => ({
      summary_lease_until: new Date(now.getTime() + leaseMs),
      summary_attempts: eb('summary_attempts', '+', 1),
    }))
    .where('id', '=', reviewId)
    .where('summary_ts', 'is', null)
    .where('summary_failure_reason', 'is', null)
    .where((eb) => eb.or([eb('summary_lease_until', 'is', null), eb('summary_lease_until', '<', now)]))
    .returningAll()
    .executeTakeFirst();
}

export async function recordReviewSummaryPosted(
  db: Db,
  reviewId: string,
  posted: { channelId: string; ts: string },
): Promise<void> {
  await db
    .updateTable('reviews')
    .set({ summary_channel_id: posted.channelId, summary_ts: posted.ts, summary_lease_until: null })
    .where('id', '=', reviewId)
    .execute();
}

/** Gives the post back for a later try, no sooner than `retryAt`. */
export async function releaseReviewSummary(db: Db, reviewId: string, retryAt: Date): Promise<void> {
  await db.updateTable('reviews').set({ summary_lease_until: retryAt }).where('id', '=', reviewId).execute();
}

export async function recordReviewSummaryFailure(db: Db, reviewId: string, reason: string): Promise<void> {
  await db
    .updateTable('reviews')
    .set({ summary_failure_reason: reason, summary_lease_until: null })
    .where('id', '=', reviewId)
    .execute();
}

/** Reviews stored since `since` whose summary still has to be posted and that nobody holds now, oldest first. */
export async function listReviewsAwaitingSummary(
  db: Db,
  options: { now: Date; since: Date; limit: number },
): Promise<string[]> {
  const { now, since, limit } = options;
  const rows = await db
    .selectFrom('reviews')
    .select('id')
    .where('created_at', '>=', since)
    .where('summary_ts', 'is', null)
    .where('summary_failure_reason', 'is', null)
    .where((eb) => eb.or([eb('summary_lease_until', 'is', null), eb('summary_lease_until', '<', now)]))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}
