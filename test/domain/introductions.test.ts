import { describe, expect, it } from 'vitest';
import { insertCheckIns } from '../../src/db/queries/check-ins.js';
import { upsertWorkspace } from '../../src/db/queries/workspaces.js';
import type { OutboxKind, OutboxStatus } from '../../src/db/schema.js';
import { introductionKey, loadIntroductions } from '../../src/domain/coaching/check-ins.js';
import { loadFirstDigests } from '../../src/domain/coaching/digest-input.js';
import { seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

const NOW = new Date('2026-11-24T14:00:00Z');

describe('which prompts introduce the bot', () => {
  const database = useTestDatabase();

  it("is a rep's first posted prompt, whatever came before it unposted, with their reachable manager", async () => {
    const db = database.current.db;
    await upsertWorkspace(db, { id: WORKSPACE_ID, enterpriseId: null, name: 'Acme' }, NOW);
    const teamId = await seedTeam(db, { name: 'East' });
    const manager = await seedPerson(db, { slackUserId: 'UMANAGER', isRep: false, isManager: true });
    const gone = await seedPerson(db, { slackUserId: 'UGONE', isRep: false, isManager: true });
    await db
      .updateTable('people')
      .set({ inactive_reason: 'the Slack account is deactivated (account_inactive)' })
      .where('id', '=', gone)
      .execute();
    const brandNew = await seedPerson(db, { slackUserId: 'UNEW', teamId, managerId: manager });
    const neverReached = await seedPerson(db, { slackUserId: 'UDROPPED', teamId, managerId: gone });
    const regular = await seedPerson(db, { slackUserId: 'UREGULAR', teamId, managerId: manager });
    const checkIns = await insertCheckIns(
      db,
      [
        // Created on Monday but never posted (the send failed): Tuesday's is still the first.
        { personId: neverReached, localDate: '2026-11-23' },
        // Posted on Monday: Tuesday's is not the first any more.
        { personId: regular, localDate: '2026-11-23' },
        // Today's own check-in, posted already (a retried row composed again): still the first.
        { personId: brandNew, localDate: '2026-11-24' },
      ].map((checkIn) => ({
        ...checkIn,
        workspaceId: WORKSPACE_ID,
        aboutDate: '2026-11-20',
        question: null,
      })),
      NOW,
    );
    const posted = checkIns
      .filter((checkIn) => checkIn.person_id !== neverReached)
      .map((checkIn) => checkIn.id);
    await db.updateTable('check_ins').set({ prompted_at: NOW }).where('id', 'in', posted).execute();

    const introductions = await loadIntroductions(db, [
      { personId: brandNew, localDate: '2026-11-24' },
      { personId: neverReached, localDate: '2026-11-24' },
      { personId: regular, localDate: '2026-11-24' },
    ]);
    expect(introductions).toEqual(
      new Map([
        [introductionKey(brandNew, '2026-11-24'), { managerSlackUserId: 'UMANAGER' }],
        [introductionKey(neverReached, '2026-11-24'), { managerSlackUserId: null }],
      ]),
    );
    expect(await loadIntroductions(db, [])).toEqual(new Map());
  });
});

describe('which digests introduce the bot', () => {
  const database = useTestDatabase();

  it("is a manager's first digest that Slack took, whatever came before it unsent", async () => {
    const db = database.current.db;
    await upsertWorkspace(db, { id: WORKSPACE_ID, enterpriseId: null, name: 'Acme' }, NOW);
    const manager = (slackUserId: string) => seedPerson(db, { slackUserId, isRep: false, isManager: true });
    const brandNew = await manager('UNEW');
    const neverReached = await manager('UUNREACHED');
    const regular = await manager('UREGULAR');
    const alsoRep = await manager('UALSOREP');
    const retried = await manager('URETRIED');
    const outbox = (personId: number, kind: OutboxKind, localDate: string, status: OutboxStatus) => ({
      workspace_id: WORKSPACE_ID,
      person_id: personId,
      kind,
      local_date: localDate,
      status,
      due_at: NOW,
      expires_at: NOW,
      next_attempt_at: NOW,
      created_at: NOW,
      updated_at: NOW,
    });
    await db
      .insertInto('outbox_messages')
      .values([
        // Monday's digest failed and Friday's was dropped: Tuesday's is the first Slack took.
        outbox(neverReached, 'digest', '2026-11-23', 'failed'),
        outbox(neverReached, 'digest', '2026-11-20', 'dropped'),
        // Monday's went out: Tuesday's is not the first.
        outbox(regular, 'digest', '2026-11-23', 'sent'),
        // A prompt or a review reminder is not a digest: a manager who is a rep is still introduced.
        outbox(alsoRep, 'prompt', '2026-11-23', 'sent'),
        outbox(alsoRep, 'review_reminder', '2026-11-23', 'sent'),
        // Today's own row, already sent (composed again after a lost lease): still the first.
        outbox(retried, 'digest', '2026-11-24', 'sent'),
      ])
      .execute();

    const tuesday = (personId: number) => ({ personId, localDate: '2026-11-24' });
    const first = await loadFirstDigests(
      db,
      [brandNew, neverReached, regular, alsoRep, retried].map(tuesday),
    );
    expect(first).toEqual(
      new Set([brandNew, neverReached, alsoRep, retried].map((id) => introductionKey(id, '2026-11-24'))),
    );
    expect(await loadFirstDigests(db, [])).toEqual(new Set());
  });
});
