import { type Kysely, sql } from 'kysely';

// Frozen in time: the monthly deal review schema as it was on this date (opportunities with their
// history, reviews, drafts, forecasts and commitments).

export async function up(db: Kysely<any>): Promise<void> {
  // An open (or closed) deal a rep works. The row holds the current state; every change also lands
  // in opportunity_revisions so a review can say what moved since the last one.
  await db.schema
    .createTable('opportunities')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (col) => col.notNull().references('people.id').onDelete('cascade'))
    // The key a CRM export uses; re-importing the same file updates instead of duplicating.
    .addColumn('external_id', 'text')
    .addColumn('account', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('amount', sql`numeric(14, 2)`, (col) => col.notNull())
    .addColumn('currency', sql`char(3)`, (col) => col.notNull())
    .addColumn('stage', 'text', (col) => col.notNull())
    .addColumn('expected_close_on', 'date', (col) => col.notNull())
    .addColumn('probability', 'integer', (col) => col.notNull())
    // [{ name, role, buying_criteria }]: who decides and what each of them buys on.
    .addColumn('decision_makers', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('problem', 'text')
    .addColumn('customer_timeline', 'text')
    // Keys from src/domain/deal-review/vocabulary.ts BUYER_ACTIONS, plus free text.
    .addColumn('buyer_actions', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('buyer_actions_note', 'text')
    // How many times the expected close date moved later; kept with the row so lists need no history scan.
    .addColumn('close_date_pushes', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('stage_changed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('opportunities_amount_not_negative', sql`amount >= 0`)
    .addCheckConstraint('opportunities_probability_range', sql`probability between 0 and 100`)
    .addCheckConstraint(
      'opportunities_stage',
      sql`stage in ('prospecting', 'qualified', 'discovery', 'proposal', 'negotiation', 'won', 'lost')`,
    )
    .execute();
  await db.schema
    .createIndex('opportunities_person_idx')
    .on('opportunities')
    .columns(['person_id', 'expected_close_on'])
    .execute();
  await db.schema
    .createIndex('opportunities_external_id_unique')
    .on('opportunities')
    .columns(['workspace_id', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();

  // A snapshot of the opportunity after each change (the first one at creation). "State at the last
  // review" is the latest revision recorded before it; a push is a revision whose close date is later
  // than the one before.
  await db.schema
    .createTable('opportunity_revisions')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('opportunity_id', 'bigint', (col) =>
      col.notNull().references('opportunities.id').onDelete('cascade'),
    )
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull())
    .addColumn('recorded_by_id', 'integer', (col) => col.references('people.id').onDelete('set null'))
    // 'home', 'import' or 'review': where the change came from.
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('stage', 'text', (col) => col.notNull())
    .addColumn('amount', sql`numeric(14, 2)`, (col) => col.notNull())
    .addColumn('currency', sql`char(3)`, (col) => col.notNull())
    .addColumn('expected_close_on', 'date', (col) => col.notNull())
    .addColumn('probability', 'integer', (col) => col.notNull())
    .addCheckConstraint('opportunity_revisions_source', sql`source in ('home', 'import', 'review')`)
    .execute();
  await db.schema
    .createIndex('opportunity_revisions_opportunity_idx')
    .on('opportunity_revisions')
    .columns(['opportunity_id', 'recorded_at'])
    .execute();

  // One stored review, whole. content holds what the manager saw and wrote (parts 1–5) as it was.
  await db.schema
    .createTable('reviews')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('rep_id', 'integer', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('manager_id', 'integer', (col) => col.references('people.id').onDelete('set null'))
    // The manager's local date of the review; its month is the month the review counts for.
    .addColumn('reviewed_on', 'date', (col) => col.notNull())
    .addColumn('content', 'jsonb', (col) => col.notNull())
    // A double submission carries the same key (the draft's id and version): one review is stored.
    .addColumn('submission_key', 'text', (col) => col.notNull().unique())
    .addColumn('summary_channel_id', 'text')
    .addColumn('summary_ts', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('reviews_rep_idx').on('reviews').columns(['rep_id', 'reviewed_on']).execute();

  // Part 4 per deal, kept apart from content so calibration can join stated probabilities to outcomes.
  await db.schema
    .createTable('review_forecasts')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('review_id', 'bigint', (col) => col.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('opportunity_id', 'bigint', (col) =>
      col.notNull().references('opportunities.id').onDelete('cascade'),
    )
    .addColumn('probability', 'integer', (col) => col.notNull())
    .addColumn('amount', sql`numeric(14, 2)`, (col) => col.notNull())
    .addColumn('buyer_actions', sql`text[]`, (col) => col.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('buyer_actions_note', 'text')
    .addColumn('probability_reason', 'text')
    .addColumn('improve_odds', 'text')
    .addCheckConstraint('review_forecasts_probability_range', sql`probability between 0 and 100`)
    .addUniqueConstraint('review_forecasts_review_opportunity_unique', ['review_id', 'opportunity_id'])
    .execute();

  // The modal's state between openings: one per manager and rep, so a closed modal reopens where it was.
  await db.schema
    .createTable('review_drafts')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('manager_id', 'integer', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('rep_id', 'integer', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('step', 'text', (col) => col.notNull())
    .addColumn('state', 'jsonb', (col) => col.notNull())
    // Bumped on every save; with the id it makes the submission key.
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('review_drafts_manager_rep_unique', ['manager_id', 'rep_id'])
    .execute();

  // A next step agreed in a review; the bot follows it up in the owner's daily DM.
  await db.schema
    .createTable('commitments')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('review_id', 'bigint', (col) => col.notNull().references('reviews.id').onDelete('cascade'))
    .addColumn('rep_id', 'integer', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('owner_id', 'integer', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    // The owner's local calendar date.
    .addColumn('due_on', 'date', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('open'))
    .addColumn('done_at', 'timestamptz')
    // The last local date it was put in the owner's daily DM, so one day never shows it twice.
    .addColumn('last_followed_up_on', 'date')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('commitments_status', sql`status in ('open', 'done')`)
    .addUniqueConstraint('commitments_review_position_unique', ['review_id', 'position'])
    .execute();
  await db.schema
    .createIndex('commitments_owner_due_idx')
    .on('commitments')
    .columns(['owner_id', 'status', 'due_on'])
    .execute();

  // A review reminder and a review summary go through the outbox like every other message.
  await sql`alter table outbox_messages drop constraint outbox_messages_kind`.execute(db);
  await sql`alter table outbox_messages add constraint outbox_messages_kind
    check (kind in ('prompt', 'reminder', 'digest', 'review_reminder'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from outbox_messages where kind = 'review_reminder'`.execute(db);
  await sql`alter table outbox_messages drop constraint outbox_messages_kind`.execute(db);
  await sql`alter table outbox_messages add constraint outbox_messages_kind
    check (kind in ('prompt', 'reminder', 'digest'))`.execute(db);
  for (const table of [
    'commitments',
    'review_drafts',
    'review_forecasts',
    'reviews',
    'opportunity_revisions',
    'opportunities',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
