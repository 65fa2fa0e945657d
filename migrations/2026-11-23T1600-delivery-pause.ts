import type { Kysely } from 'kysely';

// Frozen in time: a workspace's Retry-After pause, kept apart from its next free send slot.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('delivery_pacing')
    // Until when Slack asked this workspace's senders to wait (HTTP 429 Retry-After). next_slot_at
    // alone cannot say it: slots reserved before the 429 lie inside the pause, and every replica
    // must hold back the sends it already planned, not only new reservations.
    .addColumn('paused_until', 'timestamptz')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('delivery_pacing').dropColumn('paused_until').execute();
}
