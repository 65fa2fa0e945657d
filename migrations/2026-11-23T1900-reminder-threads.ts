import type { Kysely } from 'kysely';

// Frozen in time: a rep's reply typed under a reminder is found through the reminder's message.

export async function up(db: Kysely<any>): Promise<void> {
  // Every threaded DM a rep types is looked up by (channel, thread ts): without this index that is a
  // scan of all outbox rows ever sent.
  await db.schema
    .createIndex('outbox_messages_slack_message_idx')
    .on('outbox_messages')
    .columns(['slack_channel_id', 'slack_ts'])
    .where('slack_ts', 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('outbox_messages_slack_message_idx').execute();
}
