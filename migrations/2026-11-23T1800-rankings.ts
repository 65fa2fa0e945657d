import { type Kysely, sql } from 'kysely';

// Frozen in time: the weekly ranking schema as it was on this date (team ranking settings, sales in
// another currency, one standings post per team per week).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('teams')
    // The one currency the team's standings are counted in; null means the bot's DEFAULT_CURRENCY.
    .addColumn('reporting_currency', sql`char(3)`)
    // When the weekly post goes out, in the team's time zone: ISO weekday (1 = Monday) and local time.
    .addColumn('standings_weekday', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('standings_time', 'time', (col) => col.notNull().defaultTo('09:00'))
    // 'revenue' (sum of amounts) or 'deals' (number of sales).
    .addColumn('standings_metric', 'text', (col) => col.notNull().defaultTo('revenue'))
    .execute();
  await db.schema
    .alterTable('teams')
    .addCheckConstraint('teams_standings_weekday', sql`standings_weekday between 1 and 7`)
    .execute();
  await db.schema
    .alterTable('teams')
    .addCheckConstraint('teams_standings_metric', sql`standings_metric in ('revenue', 'deals')`)
    .execute();

  await db.schema
    .alterTable('sales')
    // A sale imported in another currency keeps what the file said; amount/currency hold the
    // converted figure in the team's reporting currency.
    .addColumn('original_amount', sql`numeric(14, 2)`)
    .addColumn('original_currency', sql`char(3)`)
    .addColumn('exchange_rate', sql`numeric(18, 8)`)
    .execute();

  // One row per team per week: whichever replica inserts it first owns the post; the others see the
  // row and do nothing. A lease covers a replica that dies while posting.
  await db.schema
    .createTable('standings_posts')
    .addColumn('id', 'bigint', (col) => col.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('workspace_id', 'text', (col) => col.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (col) => col.notNull().references('teams.id').onDelete('cascade'))
    // The Monday (local) that starts the week the post covers.
    .addColumn('week_start', 'date', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('lease_until', 'timestamptz')
    .addColumn('leased_by', 'text')
    .addColumn('channel_id', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('file_id', 'text')
    .addColumn('failure_reason', 'text')
    // The standings as first computed for this post, so a retry posts exactly what was computed.
    .addColumn('standings', 'jsonb')
    .addColumn('posted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('standings_posts_team_week_unique', ['team_id', 'week_start'])
    .addCheckConstraint('standings_posts_status', sql`status in ('pending', 'posting', 'posted', 'failed')`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('standings_posts').execute();
  await db.schema
    .alterTable('sales')
    .dropColumn('original_amount')
    .dropColumn('original_currency')
    .dropColumn('exchange_rate')
    .execute();
  await db.schema
    .alterTable('teams')
    .dropColumn('reporting_currency')
    .dropColumn('standings_weekday')
    .dropColumn('standings_time')
    .dropColumn('standings_metric')
    .execute();
}
