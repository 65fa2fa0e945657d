import { describe, expect, it } from 'vitest';
import { insertCheckIns } from '../../src/db/queries/check-ins.js';
import {
  claimOutboxMessages,
  insertOutboxMessages,
  markOutboxMessagesSent,
  releaseOutboxMessages,
} from '../../src/db/queries/outbox.js';
import { upsertWorkspace } from '../../src/db/queries/workspaces.js';
import { coachingOutbox } from '../../src/domain/coaching/outgoing.js';
import { seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

// Marking posted rows sent in batches (the delivery worker writes every post that finished while
// its previous write was under way in one statement), and what a batch of posts means for the domain.

const NOW = new Date('2026-11-24T14:00:00Z');
const LEASE_UNTIL = new Date('2026-11-24T14:01:00Z');

describe('marking posted outbox rows sent, several at once', () => {
  const database = useTestDatabase();
  let counter = 0;

  /** Reps with a prompt row each, claimed by `workerId`. */
  async function claimedPrompts(count: number, workerId: string) {
    const db = database.current.db;
    await upsertWorkspace(db, { id: WORKSPACE_ID, enterpriseId: null, name: 'Stand-in' }, NOW);
    const teamId = await seedTeam(db, { name: `Team ${++counter}` });
    const reps: Array<{ personId: number; checkInId: string }> = [];
    for (let n = 0; n < count; n += 1) {
      const personId = await seedPerson(db, { slackUserId: `U${counter}X${n}`, teamId });
      const [checkIn] = await insertCheckIns(
        db,
        [
          {
            workspaceId: WORKSPACE_ID,
            personId,
            localDate: '2026-11-24',
            aboutDate: '2026-11-23',
            question: null,
          },
        ],
        NOW,
      );
      reps.push({ personId, checkInId: checkIn!.id });
    }
    await insertOutboxMessages(
      db,
      reps.map(({ personId, checkInId }) => ({
        workspace_id: WORKSPACE_ID,
        person_id: personId,
        kind: 'prompt' as const,
        local_date: '2026-11-24',
        check_in_id: checkInId,
        due_at: NOW,
        expires_at: LEASE_UNTIL,
        next_attempt_at: NOW,
        created_at: NOW,
        updated_at: NOW,
      })),
    );
    const rows = await claimOutboxMessages(db, { now: NOW, leaseUntil: LEASE_UNTIL, workerId, limit: count });
    return { reps, rows };
  }

  it('marks only the rows this worker still holds, in one statement, and says which', async () => {
    const db = database.current.db;
    const { rows } = await claimedPrompts(3, 'worker-a');
    expect(rows).toHaveLength(3);
    const [kept, lost, alreadySent] = rows;
    // Another replica took one row over after the lease ran out; another was settled already.
    await db
      .updateTable('outbox_messages')
      .set({ leased_by: 'worker-b' })
      .where('id', '=', lost!.id)
      .execute();
    expect(
      await markOutboxMessagesSent(db, 'worker-a', [
        { id: alreadySent!.id, channelId: 'D1', ts: '1.1', now: NOW },
      ]),
    ).toEqual(new Set([alreadySent!.id]));

    const sentAt = new Date(NOW.getTime() + 1_500);
    const marked = await markOutboxMessagesSent(
      db,
      'worker-a',
      rows.map((row, n) => ({ id: row.id, channelId: `D${n}`, ts: `2.${n}`, now: sentAt })),
    );
    expect([...marked]).toEqual([kept!.id]);
    const stored = await db
      .selectFrom('outbox_messages')
      .select(['id', 'status', 'leased_by', 'slack_channel_id', 'slack_ts', 'sent_at', 'lease_until'])
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('id')
      .execute();
    expect(stored).toEqual([
      {
        id: kept!.id,
        status: 'sent',
        leased_by: 'worker-a',
        slack_channel_id: 'D0',
        slack_ts: '2.0',
        sent_at: sentAt,
        lease_until: null,
      },
      {
        id: lost!.id,
        status: 'sending',
        leased_by: 'worker-b',
        slack_channel_id: null,
        slack_ts: null,
        sent_at: null,
        lease_until: LEASE_UNTIL,
      },
      {
        id: alreadySent!.id,
        status: 'sent',
        leased_by: 'worker-a',
        slack_channel_id: 'D1',
        slack_ts: '1.1',
        sent_at: NOW,
        lease_until: null,
      },
    ]);
    expect(await markOutboxMessagesSent(db, 'worker-a', [])).toEqual(new Set());
  });

  it('tells every rep of a batch their DM channel (once) and every prompt its message', async () => {
    const db = database.current.db;
    const { reps, rows } = await claimedPrompts(2, 'worker-a');
    const [first, second] = reps;
    await db
      .updateTable('people')
      .set({ dm_channel_id: 'DKNOWN' })
      .where('id', '=', second!.personId)
      .execute();
    const clock = { now: () => NOW };
    const sent = rows.map((row) => ({
      message: row,
      sent: { channelId: `D${row.person_id}`, ts: `3.${row.person_id}` },
      content: {
        kind: 'prompt' as const,
        recipientSlackUserId: `U${row.person_id}`,
        prompt: {
          checkInId: row.check_in_id as string,
          localDate: row.local_date,
          aboutDate: row.local_date,
          question: null,
        },
      },
    }));
    await coachingOutbox(db, clock).delivered(sent);

    const people = await db
      .selectFrom('people')
      .select(['id', 'dm_channel_id'])
      .where('id', 'in', [first!.personId, second!.personId])
      .orderBy('id')
      .execute();
    expect(people).toEqual([
      { id: first!.personId, dm_channel_id: `D${first!.personId}` },
      { id: second!.personId, dm_channel_id: 'DKNOWN' },
    ]);
    const checkIns = await db
      .selectFrom('check_ins')
      .select(['person_id', 'prompt_channel_id', 'prompt_ts', 'prompted_at'])
      .where('id', 'in', [first!.checkInId, second!.checkInId])
      .orderBy('person_id')
      .execute();
    expect(checkIns).toEqual(
      reps.map(({ personId }) => ({
        person_id: personId,
        prompt_channel_id: `D${personId}`,
        prompt_ts: `3.${personId}`,
        prompted_at: NOW,
      })),
    );
    await expect(coachingOutbox(db, clock).delivered([])).resolves.toBeUndefined();
  });

  // Last: the rows it hands back are due again, and would be what a later test's claim takes.
  it('hands claimed rows back in one statement, unsent and not counted as an attempt', async () => {
    const db = database.current.db;
    const { rows } = await claimedPrompts(3, 'worker-a');
    const [early, late, lost] = rows;
    await db
      .updateTable('outbox_messages')
      .set({ leased_by: 'worker-b' })
      .where('id', '=', lost!.id)
      .execute();
    const later = new Date(NOW.getTime() + 30_000);
    const releasedAt = new Date(NOW.getTime() + 500);
    await releaseOutboxMessages(
      db,
      'worker-a',
      [
        { id: early!.id, at: NOW, reason: 'released unsent', maybeSent: false },
        { id: late!.id, at: later, reason: 'timed out', maybeSent: true },
        { id: lost!.id, at: later, reason: 'released unsent', maybeSent: false },
      ],
      releasedAt,
    );
    const stored = await db
      .selectFrom('outbox_messages')
      .select([
        'id',
        'status',
        'next_attempt_at',
        'lease_until',
        'leased_by',
        'maybe_sent',
        'failure_reason',
        'attempts',
      ])
      .where(
        'id',
        'in',
        rows.map((row) => row.id),
      )
      .orderBy('id')
      .execute();
    const released = { status: 'pending', lease_until: null, leased_by: null, attempts: 0 };
    expect(stored).toEqual([
      {
        id: early!.id,
        ...released,
        next_attempt_at: NOW,
        maybe_sent: false,
        failure_reason: 'released unsent',
      },
      { id: late!.id, ...released, next_attempt_at: later, maybe_sent: true, failure_reason: 'timed out' },
      // Another replica holds this one now: untouched.
      {
        id: lost!.id,
        status: 'sending',
        next_attempt_at: NOW,
        lease_until: LEASE_UNTIL,
        leased_by: 'worker-b',
        maybe_sent: false,
        failure_reason: null,
        attempts: 1,
      },
    ]);
    await expect(releaseOutboxMessages(db, 'worker-a', [], NOW)).resolves.toBeUndefined();
  });
});
