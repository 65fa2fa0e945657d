import { describe, expect, it } from 'vitest';
import { MovableClock } from '../support/clock.js';
import { seedPerson, seedTeam, tick, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

// Tuesday 24 November 2026 in Paris (CET, UTC+1): the team's prompts are due at 09:00 = 08:00Z.
describe('a prompt the bot could not send in time', () => {
  const database = useTestDatabase();

  it('is recorded as dropped with its reason, except for someone who joined after the prompt time', async () => {
    const db = database.current.db;
    await db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
    const teamId = await seedTeam(db, { name: 'Paris', timezone: 'Europe/Paris' });
    const onTime = await seedPerson(db, { slackUserId: 'UONTIME', teamId });
    const latecomer = await seedPerson(db, { slackUserId: 'ULATECOMER', teamId });
    // When each joined, whatever today's date is: one long before, one after that morning's prompt time.
    for (const [id, joined] of [
      [onTime, '2026-11-01T09:00:00Z'],
      [latecomer, '2026-11-24T11:30:00Z'],
    ] as const) {
      await db
        .updateTable('people')
        .set({ created_at: new Date(joined) } as never)
        .where('id', '=', id)
        .execute();
    }

    // The bot was down all morning and comes back at 12:05 local, past the three-hour grace.
    await tick(db, new MovableClock('2026-11-24T11:05:00Z'));
    const rows = await db.selectFrom('outbox_messages').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      person_id: onTime,
      kind: 'prompt',
      status: 'dropped',
      local_date: '2026-11-24',
    });
    expect(rows[0]?.failure_reason).toMatch(/could not send it in time/);
    expect(await db.selectFrom('check_ins').select('id').execute()).toEqual([]);

    // The next morning both are prompted.
    await tick(db, new MovableClock('2026-11-25T08:00:30Z'));
    const wednesday = await db
      .selectFrom('outbox_messages')
      .select(['person_id', 'status'])
      .where('local_date', '=', '2026-11-25')
      .orderBy('person_id')
      .execute();
    expect(wednesday).toEqual([
      { person_id: onTime, status: 'pending' },
      { person_id: latecomer, status: 'pending' },
    ]);
  });
});
