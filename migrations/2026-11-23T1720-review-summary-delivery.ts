import type { Kysely } from 'kysely';

// Frozen in time: what a review's summary post needs so that it is sent once and never lost (a lease
// for whichever replica posts it, how many tries, and why it stopped trying).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reviews')
    // Set while one process posts the summary; a post whose process died comes back when it ends.
    .addColumn('summary_lease_until', 'timestamptz')
    // Above 0, an earlier try may have reached Slack: look in the conversation before posting again.
    .addColumn('summary_attempts', 'integer', (col) => col.notNull().defaultTo(0))
    // A permanent failure (a person left Slack): kept so it is visible, and nobody retries forever.
    .addColumn('summary_failure_reason', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('reviews')
    .dropColumn('summary_lease_until')
    .dropColumn('summary_attempts')
    .dropColumn('summary_failure_reason')
    .execute();
}
