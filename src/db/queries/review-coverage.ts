import type { Db } from '../database.js';
import { anyOf } from './any-of.js';

/** Which of these reps have at least one review dated between two local dates (inclusive). */
export async function listRepIdsReviewedBetween(
  db: Db,
  options: { repIds: readonly number[]; from: string; to: string },
): Promise<Set<number>> {
  if (options.repIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('reviews')
    .select('rep_id')
    .distinct()
    .where('rep_id', '=', anyOf(options.repIds, 'integer'))
    .where('reviewed_on', '>=', options.from)
    .where('reviewed_on', '<=', options.to)
    .execute();
  return new Set(rows.map((row) => row.rep_id));
}
