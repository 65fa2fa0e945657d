import { describe, expect, it } from 'vitest';
import { findPersonById, upsertPerson } from '../../src/db/queries/people.js';
import { MISSED_PROMPT_REASONS } from '../../src/domain/coaching/due-messages.js';
import type { Actor } from '../../src/domain/roster/actor.js';
import { clearOutOfOfficeRanges, setPaused } from '../../src/domain/roster/service.js';
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
    // Nothing about the team changed since long before that morning.
    await db
      .updateTable('teams')
      .set({ updated_at: new Date('2026-11-01T09:00:00Z') })
      .where('id', '=', teamId)
      .execute();
    const onTime = await seedPerson(db, { slackUserId: 'UONTIME', teamId });
    const latecomer = await seedPerson(db, { slackUserId: 'ULATECOMER', teamId });
    // When each joined, whatever today's date is: one long before, one after that morning's prompt time.
    for (const [id, joined] of [
      [onTime, '2026-11-01T09:00:00Z'],
      [latecomer, '2026-11-24T11:30:00Z'],
    ] as const) {
      await db
        .updateTable('people')
        .set({ created_at: new Date(joined), updated_at: new Date(joined) } as never)
        .where('id', '=', id)
        .execute();
    }

    // The daily profile look during the morning finds nothing new: it is not a change of settings.
    const profile = await findPersonById(db, onTime);
    await upsertPerson(
      db,
      {
        workspaceId: WORKSPACE_ID,
        slackUserId: 'UONTIME',
        displayName: profile?.display_name ?? '',
        email: profile?.email ?? null,
        timezone: profile?.timezone ?? null,
      },
      new Date('2026-11-24T09:30:00Z'),
    );
    expect((await findPersonById(db, onTime))?.updated_at).toEqual(new Date('2026-11-01T09:00:00Z'));

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
    expect(rows[0]?.failure_reason).toBe(MISSED_PROMPT_REASONS.notRunning);
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

  it('does not blame the bot for a rep who was paused or away at the prompt time, and resumes today when it is not too late', async () => {
    // Thursday 26 November 2026 in Paris: due at 09:00 = 08:00Z, dropped from 12:00 = 11:00Z on.
    const db = database.current.db;
    const teamId = await seedTeam(db, { name: 'Paris again', timezone: 'Europe/Paris' });
    await db
      .updateTable('teams')
      .set({ updated_at: new Date('2026-11-01T09:00:00Z') })
      .where('id', '=', teamId)
      .execute();
    const early = await seedPerson(db, { slackUserId: 'UEARLY', teamId });
    const late = await seedPerson(db, { slackUserId: 'ULATE', teamId });
    const back = await seedPerson(db, { slackUserId: 'UBACK', teamId });
    const long = new Date('2026-11-01T09:00:00Z');
    await db
      .updateTable('people')
      .set({ created_at: long, updated_at: long } as never)
      .where('id', 'in', [early, late, back])
      .execute();
    await db.updateTable('people').set({ paused_at: long }).where('id', 'in', [early, late]).execute();
    await db
      .insertInto('out_of_office')
      .values({ person_id: back, first_day: '2026-11-26', last_day: '2026-11-27', created_by_id: null })
      .execute();
    const self = async (id: number): Promise<Actor> => {
      const person = await findPersonById(db, id);
      return { workspaceId: WORKSPACE_ID, slackUserId: person?.slack_user_id ?? '', person, isAdmin: false };
    };
    const promptOf = (id: number) =>
      db
        .selectFrom('outbox_messages')
        .select(['status', 'failure_reason'])
        .where('person_id', '=', id)
        .where('kind', '=', 'prompt')
        .where('local_date', '=', '2026-11-26')
        .executeTakeFirst();

    // One resumes at 11:00 local, inside the grace: today's prompt goes out on the next tick.
    const tenZulu = new MovableClock('2026-11-26T10:00:00Z');
    await setPaused(db, tenZulu, await self(early), undefined, false);
    tenZulu.set('2026-11-26T10:00:30Z');
    await tick(db, tenZulu);
    expect(await promptOf(early)).toEqual({ status: 'pending', failure_reason: null });

    // At 12:30 local, past the grace, one resumes and one clears her days off. Neither was due at
    // 09:00, so neither missed prompt is put down to the bot not running.
    const afterGrace = new MovableClock('2026-11-26T11:30:00Z');
    await setPaused(db, afterGrace, await self(late), undefined, false);
    expect((await clearOutOfOfficeRanges(db, afterGrace, await self(back), undefined)).cleared).toBe(1);
    afterGrace.set('2026-11-26T11:30:30Z');
    await tick(db, afterGrace);
    for (const id of [late, back]) {
      const row = await promptOf(id);
      expect(row?.status).toBe('dropped');
      expect(row?.failure_reason).toBe(MISSED_PROMPT_REASONS.changedSince('09:00'));
      expect(row?.failure_reason).not.toMatch(/could not send it in time/);
    }
    expect(
      await db.selectFrom('check_ins').select('id').where('person_id', 'in', [late, back]).execute(),
    ).toEqual([]);
  });
});
