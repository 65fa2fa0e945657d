import { type Kysely, sql } from 'kysely';

// Frozen in time: when a standings post became due, and when its failure was told to people.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('standings_posts')
    // The instant the post became due (the team's weekday and time, or an admin's `/ranking post`):
    // a post that has not gone out a day after it is dropped instead of landing days late.
    .addColumn('due_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // Set by the one replica that tells the manager and admins about a failure, so they hear it once.
    .addColumn('failure_notified_at', 'timestamptz')
    .execute();
  // Due rows are claimed by status; this keeps the claim from reading every posted week.
  await db.schema
    .createIndex('standings_posts_open_idx')
    .on('standings_posts')
    .column('due_at')
    .where(sql<boolean>`status in ('pending', 'posting')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('standings_posts_open_idx').execute();
  await db.schema
    .alterTable('standings_posts')
    .dropColumn('due_at')
    .dropColumn('failure_notified_at')
    .execute();
}
