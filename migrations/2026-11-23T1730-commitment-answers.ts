import type { Kysely } from 'kysely';

// Frozen in time: a commitment remembers the day its owner answered "Not yet".

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('commitments')
    // The owner's local date of their last "Not yet". Every redraw of that day's DM (after an answer
    // to the check-in, say) keeps showing the answer instead of asking again; the next day asks anew.
    .addColumn('not_yet_on', 'date')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('commitments').dropColumn('not_yet_on').execute();
}
