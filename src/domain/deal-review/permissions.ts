import type { Db } from '../../db/database.js';
import { findPersonBySlackId, listReportsOf } from '../../db/queries/people.js';
import type { Person } from '../../db/schema.js';
import type { Actor } from '../roster/actor.js';
import { adminsToAsk, isOnRoster, mention, whoMay } from '../roster/permissions.js';
import { ReviewNotAllowedError, ReviewRequestError } from './errors.js';

/** What `/dealreview [@rep]` leads to: one rep's review, or a choice among the reviewer's reps. */
export type ReviewRequest =
  | { kind: 'review'; reviewer: Person; rep: Person }
  | { kind: 'pick'; reviewer: Person; reps: Person[] };

const WHO_MAY = 'Only a rep’s manager or an admin can run a deal review.';

/**
 * A rep's manager (people.manager_id) and admins may review; anyone else is refused with who may.
 * Without a rep named, a manager picks among their own reps.
 */
export async function resolveReviewRequest(
  db: Db,
  actor: Actor,
  repSlackUserId: string | undefined,
): Promise<ReviewRequest> {
  const reviewer = actor.person;
  if (reviewer === undefined || !(actor.isAdmin || isOnRoster(reviewer))) {
    // A manager the roster does not know yet gets there through an admin: named, as they may not know who.
    throw new ReviewNotAllowedError(
      `${WHO_MAY} You are not on the roster: ask ${await adminsToAsk(db, actor.workspaceId)} to add you as your reps' manager.`,
    );
  }
  if (repSlackUserId === undefined) {
    const reps = (await listReportsOf(db, reviewer.id)).filter((rep) => rep.inactive_reason === null);
    if (reps.length > 0) return { kind: 'pick', reviewer, reps };
    if (actor.isAdmin) throw new ReviewRequestError('Name the rep to review: `/dealreview @rep`.');
    throw new ReviewNotAllowedError(`${WHO_MAY} Nobody reports to you on the roster.`);
  }
  const rep = await findPersonBySlackId(db, actor.workspaceId, repSlackUserId);
  if (rep === undefined || !rep.is_rep) {
    throw new ReviewRequestError(
      `${mention(repSlackUserId)} is not a rep on the roster, so there is nothing to review. ` +
        `A manager or an admin can add them with \`/coach add ${mention(repSlackUserId)}\`.`,
    );
  }
  if (actor.isAdmin || rep.manager_id === reviewer.id) return { kind: 'review', reviewer, rep };
  throw new ReviewNotAllowedError(await whoMay(db, actor.workspaceId, rep, (who) => `review ${who}`));
}
