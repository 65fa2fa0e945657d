import { type Kysely, sql } from 'kysely';

// Frozen in time: this file describes the schema as it was on this date and is never edited again.
// Later changes get a new dated migration.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('enterprise_id', 'text')
    .addColumn('name', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('installed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('uninstalled_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per OAuth installation. install_key folds (enterprise, team) into one unique text so an
  // org-wide install (no team) and a workspace install stay distinct without NULLS NOT DISTINCT.
  await db.schema
    .createTable('slack_installations')
    .addColumn('install_key', 'text', (col) => col.primaryKey())
    .addColumn('enterprise_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('is_enterprise_install', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('bot_user_id', 'text')
    .addColumn('installation', 'jsonb', (col) => col.notNull())
    .addColumn('installed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('standings_channel_id', 'text')
    .addColumn('prompt_time', 'time', (col) => col.notNull().defaultTo('09:00'))
    // ISO weekdays, 1 = Monday … 7 = Sunday.
    .addColumn('workdays', sql`smallint[]`, (col) => col.notNull().defaultTo(sql`'{1,2,3,4,5}'`))
    .addColumn('holiday_country', 'text')
    .addColumn('timezone', 'text')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('teams_workspace_name_unique', ['workspace_id', 'name'])
    .execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'integer', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('slack_user_id', 'text', (col) => col.notNull())
    .addColumn('display_name', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('email', 'text')
    // A person can hold several roles at once (a manager who also sells), hence flags, not an enum.
    .addColumn('is_rep', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('is_manager', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('is_admin', 'boolean', (col) => col.notNull().defaultTo(false))
    .addColumn('manager_id', 'integer', (col) => col.references('people.id').onDelete('set null'))
    .addColumn('team_id', 'integer', (col) => col.references('teams.id').onDelete('set null'))
    // From Slack's users.info; null means "use the team's time zone".
    .addColumn('timezone', 'text')
    .addColumn('slack_deactivated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('people_workspace_user_unique', ['workspace_id', 'slack_user_id'])
    .addCheckConstraint('people_not_own_manager', sql`manager_id is null or manager_id <> id`)
    .execute();
  await db.schema.createIndex('people_manager_idx').on('people').column('manager_id').execute();
  await db.schema.createIndex('people_team_idx').on('people').column('team_id').execute();

  await db.schema
    .alterTable('teams')
    .addColumn('manager_id', 'integer', (col) => col.references('people.id').onDelete('set null'))
    .execute();

  // Slack redelivers an event when it saw no timely 200; the event_id is the de-duplication key.
  await db.schema
    .createTable('processed_slack_events')
    .addColumn('event_id', 'text', (col) => col.primaryKey())
    .addColumn('workspace_id', 'text')
    .addColumn('event_type', 'text', (col) => col.notNull())
    .addColumn('received_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('processed_slack_events_received_idx')
    .on('processed_slack_events')
    .column('received_at')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('processed_slack_events').execute();
  await db.schema.alterTable('teams').dropColumn('manager_id').execute();
  await db.schema.dropTable('people').execute();
  await db.schema.dropTable('teams').execute();
  await db.schema.dropTable('slack_installations').execute();
  await db.schema.dropTable('workspaces').execute();
}
