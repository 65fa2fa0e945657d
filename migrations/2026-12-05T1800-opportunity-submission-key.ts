import type { Kysely } from 'kysely';

// Frozen in time: two columns that keep the Home's opportunity form from writing what nobody meant.
// submission_key: the form that added the deal (its view id). Slack may deliver a submission again when
// the ack came late, and a rep presses Save again after an error: the same key stores one deal.
// Deals from a file or from before this date have none; nulls do not collide.
// version: goes up by one with every change, so an edit form that says which version it showed can
// refuse to save over a newer one. A counter rather than updated_at: two changes in the same
// millisecond (or under an injected clock that stands still) would carry the same timestamp.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('opportunities')
    .addColumn('submission_key', 'text', (col) => col.unique())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('opportunities').dropColumn('version').dropColumn('submission_key').execute();
}
