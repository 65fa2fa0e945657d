import { describe, expect, it } from 'vitest';
import { insertCheckIns } from '../../src/db/queries/check-ins.js';
import { upsertWorkspace } from '../../src/db/queries/workspaces.js';
import { introductionKey, loadIntroductions } from '../../src/domain/coaching/check-ins.js';
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
