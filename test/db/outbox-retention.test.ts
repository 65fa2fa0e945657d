import { describe, expect, it } from 'vitest';
import type { OutboxStatus } from '../../src/db/schema.js';
import {
  CLOSED_OUTBOX_RETENTION_DAYS,
  forgetOldOutboxMessages,
} from '../../src/domain/housekeeping/service.js';
import { seedPerson, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

// 2026-12-05 minus 90 days is 2026-09-06: rows of days before it go once they are closed.
const NOW = new Date('2026-12-05T03:43:00Z');

describe('closed outbox messages past their retention', () => {
  const database = useTestDatabase();

  it('are deleted, in batches, and only those: open rows and days inside the retention stay', async () => {
    const db = database.current.db;
    expect(CLOSED_OUTBOX_RETENTION_DAYS).toBe(90);
    await db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
    const personId = await seedPerson(db, { slackUserId: 'UOLD' });
    const row = (localDate: string, status: OutboxStatus, kind: 'prompt' | 'reminder' = 'prompt') => ({
      workspace_id: WORKSPACE_ID,
      person_id: personId,
      kind,
      local_date: localDate,
      due_at: new Date(`${localDate}T09:00:00Z`),
      expires_at: new Date(`${localDate}T12:00:00Z`),
      next_attempt_at: new Date(`${localDate}T09:00:00Z`),
      status,
      updated_at: new Date(`${localDate}T09:00:05Z`),
    });
    // 12,000 sent prompts of old days (more than two batches), one a day going back from 2026-09-05.
    const oldDays = Array.from({ length: 12_000 }, (_, n) =>
      new Date(Date.parse('2026-09-05T00:00:00Z') - n * 86_400_000).toISOString().slice(0, 10),
    );
    for (let start = 0; start < oldDays.length; start += 2_000) {
      await db
        .insertInto('outbox_messages')
        .values(oldDays.slice(start, start + 2_000).map((day) => row(day, 'sent')))
        .execute();
    }
    await db
      .insertInto('outbox_messages')
      .values([
        row('2026-09-05', 'failed', 'reminder'),
        // Not closed: whatever its age, the worker may still act on it.
        row('2026-09-04', 'pending', 'reminder'),
        // The first day inside the retention, and a recent one.
        row('2026-09-06', 'sent'),
        row('2026-12-04', 'dropped'),
      ])
      .execute();

    expect(await forgetOldOutboxMessages(db, { now: () => NOW })).toBe(12_001);
    const left = await db
      .selectFrom('outbox_messages')
      .select(['local_date', 'status'])
      .orderBy('local_date')
      .execute();
    expect(left).toEqual([
      { local_date: '2026-09-04', status: 'pending' },
      { local_date: '2026-09-06', status: 'sent' },
      { local_date: '2026-12-04', status: 'dropped' },
    ]);
    expect(await forgetOldOutboxMessages(db, { now: () => NOW })).toBe(0);
  });
});
