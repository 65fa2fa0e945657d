import { type Kysely, sql } from 'kysely';

// Frozen in time: the daily micro-coaching schema as it was on this date. Later changes get a new
// dated migration.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('teams')
    // Minutes after the prompt before the one reminder goes out.
    .addColumn('reminder_delay_minutes', 'integer', (col) => col.notNull().defaultTo(120))
    // The local window in which the bot may write to a rep at all: nothing is sent at night.
    .addColumn('working_hours_start', 'time', (col) => col.notNull().defaultTo('08:00'))
    .addColumn('working_hours_end', 'time', (col) => col.notNull().defaultTo('18:00'))
    .execute();

  await db.schema
    .alterTable('people')
    // A rep's own prompt time; null means the team's.
    .addColumn('prompt_time', 'time')
    // When a manager's digest goes out, in the manager's local time.
    .addColumn('digest_time', 'time', (col) => col.notNull().defaultTo('12:00'))
    .addColumn('paused_at', 'timestamptz')
    // Why the person stopped getting messages (deactivated in Slack, user_not_found, …), shown to managers.
    .addColumn('inactive_reason', 'text')
    .addColumn('profile_checked_at', 'timestamptz')
    // Key of a ready-made question set (src/domain/coaching/question-sets.ts) rotating into the prompt.
    .addColumn('question_set', 'text')
    // The bot's DM channel with this person (D…), learnt from the first post; needed to read history.
    .addColumn('dm_channel_id', 'text')
    .execute();

  await db.schema
    .createTable('out_of_office')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('person_id', 'integer', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('first_day', 'date', (col) => col.notNull())
    .addColumn('last_day', 'date', (col) => col.notNull())
    .addColumn('created_by_id', 'integer', (col) => col.references('people.id').onDelete('set null'))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('out_of_office_range', sql`last_day >= first_day`)
    .addUniqueConstraint('out_of_office_person_range_unique', ['person_id', 'first_day', 'last_day'])
    .execute();

  // One row per rep per local date: the day's conversation.
  await db.schema
    .createTable('check_ins')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('local_date', 'date', (col) => col.notNull())
    // The workday the prompt asks about ("yesterday"; on a Monday, the last workday).
    .addColumn('about_date', 'date', (col) => col.notNull())
    .addColumn('question', 'text')
    // prompted → asked_tried (after "No") → answered
    .addColumn('stage', 'text', (col) => col.notNull().defaultTo('prompted'))
    .addColumn('outcome', 'text')
    .addColumn('skill', 'text')
    .addColumn('obstacle', 'text')
    .addColumn('note', 'text')
    .addColumn('question_answer', 'text')
    .addColumn('prompt_channel_id', 'text')
    .addColumn('prompt_ts', 'text')
    .addColumn('prompted_at', 'timestamptz')
    .addColumn('answered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('check_ins_person_date_unique', ['person_id', 'local_date'])
    .addCheckConstraint('check_ins_stage', sql`stage in ('prompted', 'asked_tried', 'answered')`)
    .addCheckConstraint('check_ins_outcome', sql`outcome in ('sold', 'tried', 'did_not_try')`)
    .addCheckConstraint('check_ins_skill', sql`skill in ('knows', 'unsure', 'does_not_know')`)
    .addCheckConstraint(
      'check_ins_obstacle',
      sql`obstacle in ('none', 'no_pipeline', 'admin_work', 'did_not_know_how', 'waiting_on_customer', 'other')`,
    )
    .execute();
  await db.schema
    .createIndex('check_ins_prompt_message_idx')
    .on('check_ins')
    .columns(['prompt_channel_id', 'prompt_ts'])
    .execute();

  // Every answer as recorded, oldest first: the check-in row holds the current one, this the history.
  await db.schema
    .createTable('answers')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('check_in_id', 'bigint', (col) => col.notNull().references('check_ins.id').onDelete('cascade'))
    .addColumn('outcome', 'text', (col) => col.notNull())
    .addColumn('skill', 'text')
    .addColumn('obstacle', 'text')
    .addColumn('note', 'text')
    .addColumn('details', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    // What makes a submission the same submission (a double click, a resubmitted modal).
    .addColumn('idempotency_key', 'text', (col) => col.notNull().unique())
    .addColumn('recorded_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('answers_check_in_idx').on('answers').column('check_in_id').execute();

  await db.schema
    .createTable('check_in_replies')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('check_in_id', 'bigint', (col) => col.notNull().references('check_ins.id').onDelete('cascade'))
    .addColumn('slack_ts', 'text', (col) => col.notNull())
    .addColumn('text', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('check_in_replies_message_unique', ['check_in_id', 'slack_ts'])
    .execute();

  await db.schema
    .createTable('sales')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (col) => col.notNull().references('people.id').onDelete('cascade'))
    // One sale per check-in: changing the answer changes the sale.
    .addColumn('check_in_id', 'bigint', (col) => col.unique().references('check_ins.id').onDelete('cascade'))
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('amount', sql`numeric(14, 2)`, (col) => col.notNull())
    .addColumn('currency', sql`char(3)`, (col) => col.notNull())
    .addColumn('account', 'text', (col) => col.notNull())
    .addColumn('won_because', 'text')
    .addColumn('closed_on', 'date', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('external_id', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('sales_amount_not_negative', sql`amount >= 0`)
    .addCheckConstraint('sales_source', sql`source in ('check_in', 'import', 'review')`)
    .execute();
  await db.schema
    .createIndex('sales_person_closed_idx')
    .on('sales')
    .columns(['person_id', 'closed_on'])
    .execute();
  await db.schema
    .createIndex('sales_external_id_unique')
    .on('sales')
    .columns(['workspace_id', 'external_id'])
    .unique()
    .where(sql.ref('external_id'), 'is not', null)
    .execute();

  // Everything the bot must send, one row per (person, kind, local date): many replicas insert the
  // same due row and exactly one lands.
  await db.schema
    .createTable('outbox_messages')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (col) => col.notNull().references('people.id').onDelete('cascade'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('local_date', 'date', (col) => col.notNull())
    .addColumn('check_in_id', 'bigint', (col) => col.references('check_ins.id').onDelete('cascade'))
    .addColumn('due_at', 'timestamptz', (col) => col.notNull())
    // Past this instant the message is dropped with a reason instead of sent (no prompt at night).
    .addColumn('expires_at', 'timestamptz', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (col) => col.notNull())
    .addColumn('lease_until', 'timestamptz')
    .addColumn('leased_by', 'text')
    // The last attempt may have reached Slack (timeout, lost lease): look in the DM before re-sending.
    .addColumn('maybe_sent', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('slack_channel_id', 'text')
    .addColumn('slack_ts', 'text')
    .addColumn('failure_reason', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('outbox_messages_person_kind_date_unique', ['person_id', 'kind', 'local_date'])
    .addCheckConstraint('outbox_messages_kind', sql`kind in ('prompt', 'reminder', 'digest')`)
    .addCheckConstraint(
      'outbox_messages_status',
      sql`status in ('pending', 'sending', 'sent', 'failed', 'dropped')`,
    )
    .execute();
  // Only unfinished rows are ever claimed; partial indexes keep the claim query small as sent rows pile up.
  await db.schema
    .createIndex('outbox_messages_pending_idx')
    .on('outbox_messages')
    .column('next_attempt_at')
    .where(sql.ref('status'), '=', 'pending')
    .execute();
  await db.schema
    .createIndex('outbox_messages_leased_idx')
    .on('outbox_messages')
    .column('lease_until')
    .where(sql.ref('status'), '=', 'sending')
    .execute();

  // Shared pacing per workspace, so replicas together stay under the rate and a 429 pauses them all.
  await db.schema
    .createTable('delivery_pacing')
    .addColumn('workspace_id', 'text', (col) =>
      col.primaryKey().references('workspaces.id').onDelete('cascade'),
    )
    .addColumn('next_slot_at', 'timestamptz', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'delivery_pacing',
    'outbox_messages',
    'sales',
    'check_in_replies',
    'answers',
    'check_ins',
    'out_of_office',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema
    .alterTable('people')
    .dropColumn('prompt_time')
    .dropColumn('digest_time')
    .dropColumn('paused_at')
    .dropColumn('inactive_reason')
    .dropColumn('profile_checked_at')
    .dropColumn('question_set')
    .dropColumn('dm_channel_id')
    .execute();
  await db.schema
    .alterTable('teams')
    .dropColumn('reminder_delay_minutes')
    .dropColumn('working_hours_start')
    .dropColumn('working_hours_end')
    .execute();
}
