import type { Db } from '../../src/db/database.js';
import { WORKSPACE_ID } from './coaching.js';

/** A stored review, as /dealreview's submission leaves it (the content is not read by follow-ups). */
export async function seedReview(
  db: Db,
  review: { repId: number; managerId: number | null; reviewedOn: string },
): Promise<string> {
  const row = await db
    .insertInto('reviews')
    .values({
      workspace_id: WORKSPACE_ID,
      rep_id: review.repId,
      manager_id: review.managerId,
      reviewed_on: review.reviewedOn,
      content: JSON.stringify({}),
      submission_key: `seed:${review.repId}:${review.reviewedOn}:${Math.random()}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

let position = 0;

/** A next step agreed in a review, owned by the rep or by the manager. */
export async function seedCommitment(
  db: Db,
  commitment: {
    reviewId: string;
    repId: number;
    ownerId: number;
    text: string;
    dueOn: string;
    done?: boolean;
  },
): Promise<string> {
  const row = await db
    .insertInto('commitments')
    .values({
      workspace_id: WORKSPACE_ID,
      review_id: commitment.reviewId,
      rep_id: commitment.repId,
      owner_id: commitment.ownerId,
      position: ++position,
      text: commitment.text,
      due_on: commitment.dueOn,
      status: commitment.done ? 'done' : 'open',
      done_at: commitment.done ? new Date('2026-11-01T12:00:00Z') : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findCommitment(db: Db, id: string) {
  return db.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
