import { type Kysely, sql } from 'kysely';

// Frozen in time: /metrics counts the outbox rows failed or dropped in the last day at every scrape.
// Sent rows pile up every day and no index reached the closed ones by time, so that count would read
// the whole table; this index holds only the failed and dropped rows, a small share of it.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index outbox_messages_closed_unsent_idx on outbox_messages (updated_at)
    where status in ('failed', 'dropped')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_messages_closed_unsent_idx').execute();
}
