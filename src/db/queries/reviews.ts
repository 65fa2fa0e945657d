import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { CommitmentStatus, Review } from '../schema.js';

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
