import type { Db } from '../../db/database.js';
import { findPeopleByIds } from '../../db/queries/people.js';
import {
  claimReviewSummary,
  listReviewsAwaitingSummary,
  recordReviewSummaryFailure,
  recordReviewSummaryPosted,
  releaseReviewSummary,
} from '../../db/queries/reviews.js';
import type { Review } from '../../db/schema.js';
import type { SendResult } from '../../delivery/ports.js';
import type { Clock } from '../clock.js';
import type { ReviewContent } from './service.js';

/** What the summary of a stored review says, and to whom: the rep and the manager, in one conversation. */
export interface ReviewSummary {
  reviewId: string;
  workspaceId: string;
  /** Slack user ids of the rep and the reviewer (just the rep when the reviewer has left the roster). */
  recipients: string[];
  createdAt: Date;
  content: ReviewContent;
}

/** The Slack side: posts a summary, or finds one an earlier try already posted. */
export interface ReviewSummaryPort {
  post(summary: ReviewSummary): Promise<SendResult>;
  /** A failure to look throws. */
  findPosted(summary: ReviewSummary): Promise<{ channelId: string; ts: string } | undefined>;
}

/** Long enough for a post and a history look-up at Slack's slowest; a dead poster's summary comes back after it. */
const LEASE_MS = 60_000;
const RETRY_MS = 60_000;
const BATCH = 20;
/** A summary later than this is no use to anyone, and older rows may predate summaries altogether. */
const GIVE_UP_AFTER_MS = 7 * 24 * 60 * 60_000;

async function summaryOf(db: Db, review: Review): Promise<ReviewSummary> {
  const people = await findPeopleByIds(
    db,
    review.manager_id === null ? [review.rep_id] : [review.rep_id, review.manager_id],
  );
  const rep = people.find((person) => person.id === review.rep_id);
  const reviewer = people.find((person) => person.id === review.manager_id);
  return {
    reviewId: review.id,
    workspaceId: review.workspace_id,
    recipients: [rep, reviewer].flatMap((person) => (person === undefined ? [] : [person.slack_user_id])),
    createdAt: review.created_at,
    content: review.content as unknown as ReviewContent,
  };
}

/**
 * Posts a review's summary once: whoever claims it posts it; a try after one that may have reached
 * Slack first looks for the earlier post (its metadata carries the review id). A failure that may pass
 * leaves it for the retry job; a permanent one is recorded and not retried.
 */
export async function deliverReviewSummary(
  db: Db,
  clock: Clock,
  port: ReviewSummaryPort,
  reviewId: string,
): Promise<'posted' | 'retry-later' | 'failed' | 'not-claimed'> {
  const claimed = await claimReviewSummary(db, reviewId, clock.now(), LEASE_MS);
  if (claimed === undefined) return 'not-claimed';
  const summary = await summaryOf(db, claimed);
  let result: SendResult;
  try {
    const earlier = claimed.summary_attempts > 1 ? await port.findPosted(summary) : undefined;
    if (earlier !== undefined) {
      await recordReviewSummaryPosted(db, reviewId, earlier);
      return 'posted';
    }
    result = await port.post(summary);
  } catch (error) {
    await releaseReviewSummary(db, reviewId, new Date(clock.now().getTime() + RETRY_MS));
    throw error;
  }
  switch (result.kind) {
    case 'sent':
      await recordReviewSummaryPosted(db, reviewId, result);
      return 'posted';
    case 'rate_limited':
      await releaseReviewSummary(db, reviewId, new Date(clock.now().getTime() + result.retryAfterMs));
      return 'retry-later';
    case 'transient':
      await releaseReviewSummary(db, reviewId, new Date(clock.now().getTime() + RETRY_MS));
      return 'retry-later';
    case 'permanent':
      await recordReviewSummaryFailure(db, reviewId, result.reason);
      return 'failed';
  }
}

/** The retry job: every summary not posted yet and not held by anyone gets another try. */
export async function deliverPendingReviewSummaries(
  db: Db,
  clock: Clock,
  port: ReviewSummaryPort,
  onError: (reviewId: string, error: unknown) => void,
): Promise<number> {
  let posted = 0;
  const now = clock.now();
  const since = new Date(now.getTime() - GIVE_UP_AFTER_MS);
  for (const reviewId of await listReviewsAwaitingSummary(db, { now, since, limit: BATCH })) {
    try {
      if ((await deliverReviewSummary(db, clock, port, reviewId)) === 'posted') posted += 1;
    } catch (error) {
      onError(reviewId, error);
    }
  }
  return posted;
}
