import type { Db } from '../database.js';
import type { OutOfOffice } from '../schema.js';
import { anyOf } from './any-of.js';

/** Records a range; false when the person already had exactly this range. */
export async function addOutOfOffice(
  db: Db,
  range: { personId: number; firstDay: string; lastDay: string; createdById: number | null },
  now: Date,
): Promise<boolean> {
  const inserted = await db
    .insertInto('out_of_office')
    .values({
      person_id: range.personId,
      first_day: range.firstDay,
      last_day: range.lastDay,
      created_by_id: range.createdById,
      created_at: now,
    })
    .onConflict((oc) => oc.columns(['person_id', 'first_day', 'last_day']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Ranges of these people that end on or after `fromDay`, earliest first. */
export async function listOutOfOffice(
  db: Db,
  personIds: readonly number[],
  fromDay: string,
): Promise<OutOfOffice[]> {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('out_of_office')
    .selectAll()
    .where('person_id', '=', anyOf(personIds, 'integer'))
    .where('last_day', '>=', fromDay)
    .orderBy('person_id')
    .orderBy('first_day')
    .execute();
}

/**
 * Removes a person's ranges that end on or after `fromDay` (past ones stay as history); returns how
 * many. The person's `updated_at` moves to `now` when any went: the prompt tick reads it to know that
 * a rep may have become due only now, and must not blame a missed prompt on the bot.
 */
export async function clearOutOfOffice(
  db: Db,
  personId: number,
  fromDay: string,
  now: Date,
): Promise<number> {
  const deleted = await db
    .deleteFrom('out_of_office')
    .where('person_id', '=', personId)
    .where('last_day', '>=', fromDay)
    .executeTakeFirst();
  const cleared = Number(deleted.numDeletedRows);
  if (cleared > 0) {
    await db.updateTable('people').set({ updated_at: now }).where('id', '=', personId).execute();
  }
  return cleared;
}
