import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { MovableClock } from '../support/clock.js';
import { seedTeam, tick, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

/** The design's scale: one team of this many reps (more rows than one statement's 65,535 parameters hold). */
const REPS = 10_000;

// Tuesday 24 November 2026 in Paris (CET, UTC+1): prompts at 09:00 = 08:00Z, reminders two hours later.
describe(`a tick for ${REPS.toLocaleString('en-US')} reps at once`, () => {
  const database = useTestDatabase();

  const countOutbox = async (kind: 'prompt' | 'reminder', localDate: string, status: string) => {
    const row = await database.current.db
      .selectFrom('outbox_messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kind', '=', kind)
      .where('local_date', '=', localDate)
      .where('status', '=', status as never)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  };

  it('records every prompt missed after a morning down, then queues every reminder of the next day', async () => {
    const db = database.current.db;
    await db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
    const teamId = await seedTeam(db, { name: 'Paris', timezone: 'Europe/Paris' });
    await sql`
      insert into people (workspace_id, slack_user_id, display_name, is_rep, team_id, created_at)
      select ${WORKSPACE_ID}, 'U' || lpad(n::text, 8, '0'), 'Rep ' || n, true, ${teamId}, '2026-11-01T09:00:00Z'
      from generate_series(1, ${REPS}) as n
    `.execute(db);

    // Back at 12:05 local, past the three-hour grace: every prompt of the day is recorded as dropped.
    await tick(db, new MovableClock('2026-11-24T11:05:00Z'));
    expect(await countOutbox('prompt', '2026-11-24', 'dropped')).toBe(REPS);

    // The next morning every rep is prompted; nobody answers; two hours later every reminder is due.
    await tick(db, new MovableClock('2026-11-25T08:00:30Z'));
    expect(await countOutbox('prompt', '2026-11-25', 'pending')).toBe(REPS);
    await db
      .updateTable('check_ins')
      .set({ prompted_at: new Date('2026-11-25T08:00:40Z') })
      .where('local_date', '=', '2026-11-25')
      .execute();
    await tick(db, new MovableClock('2026-11-25T10:01:00Z'));
    expect(await countOutbox('reminder', '2026-11-25', 'pending')).toBe(REPS);
  });
});
