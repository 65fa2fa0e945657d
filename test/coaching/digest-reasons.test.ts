import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/domain/coaching/digest.js';
import { coachingOutbox } from '../../src/domain/coaching/outgoing.js';
import { buildDigestMessage } from '../../src/slack/views/digest.js';
import { MovableClock } from '../support/clock.js';
import { DUE_POLICY, seedPerson, seedTeam, tick, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

/**
 * Friday 25 December 2026. The manager is in London (GMT, UTC+0) with a 12:00 digest; their reps are
 * in London, New York and Dubai, on teams with different workdays and holidays. The digest says of
 * each rep without a check-in why, by the rules the tick applies, instead of "no check-in today".
 */
describe("the manager digest's reason for each rep not prompted", () => {
  const database = useTestDatabase();

  it('tells a prompt still to come from a holiday, a day off work, days off, a pause and a late joiner', async () => {
    const db = database.current.db;
    await db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
    const managerId = await seedPerson(db, {
      slackUserId: 'UMANAGER',
      isRep: false,
      isManager: true,
      timezone: 'Europe/London',
      digestTime: '12:00',
    });
    const london = await seedTeam(db, { name: 'London', timezone: 'Europe/London', managerId });
    const britain = await seedTeam(db, {
      name: 'Britain',
      timezone: 'Europe/London',
      holidayCountry: 'GB',
    });
    const newYork = await seedTeam(db, { name: 'New York', timezone: 'America/New_York' });
    const dubai = await seedTeam(db, { name: 'Dubai', timezone: 'Asia/Dubai', workdays: [7, 1, 2, 3, 4] });
    const rep = (slackUserId: string, teamId: number, extra: { promptTime?: string } = {}) =>
      seedPerson(db, { slackUserId, teamId, managerId, ...extra });

    const prompted = await rep('UPROMPTED', london);
    await rep('UAFTERNOON', london, { promptTime: '14:00' });
    await rep('UNEWYORK', newYork);
    await rep('UCHRISTMAS', britain);
    await rep('UDUBAI', dubai);
    const away = await rep('UAWAY', london);
    const paused = await rep('UPAUSED', london);
    await db
      .insertInto('out_of_office')
      .values({ person_id: away, first_day: '2026-12-21', last_day: '2026-12-31', created_by_id: null })
      .execute();
    await db
      .updateTable('people')
      .set({ paused_at: new Date('2026-12-20T10:00:00Z') })
      .where('id', '=', paused)
      .execute();

    // 09:00 in London: the London reps' prompts are queued; the first is posted and left unanswered.
    await tick(db, new MovableClock('2026-12-25T09:00:30Z'));
    const queued = await db
      .selectFrom('check_ins')
      .select(['person_id'])
      .where('local_date', '=', '2026-12-25')
      .execute();
    expect(queued).toEqual([{ person_id: prompted }]);
    await db
      .updateTable('check_ins')
      .set({ prompted_at: new Date('2026-12-25T09:00:40Z') })
      .where('person_id', '=', prompted)
      .execute();
    // Someone joins the roster at 11:00, after the 09:00 prompt time: they start on the next workday.
    const latecomer = await rep('ULATECOMER', london);
    await db
      .updateTable('people')
      .set({ created_at: new Date('2026-12-25T11:00:00Z') } as never)
      .where('id', '=', latecomer)
      .execute();

    const clock = new MovableClock('2026-12-25T12:00:30Z');
    await tick(db, clock);
    const row = await db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('kind', '=', 'digest')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ person_id: managerId, local_date: '2026-12-25' });
    const composed = await coachingOutbox(db, clock, DUE_POLICY).compose(row);
    if (!composed.send || composed.content.kind !== 'digest') throw new Error('no digest to send');
    const digest: Digest = composed.content.digest;

    const today = Object.fromEntries(digest.reps.map((r) => [r.slackUserId, r.today]));
    expect(today).toEqual({
      UPROMPTED: { kind: 'no_answer' },
      UAFTERNOON: { kind: 'not_prompted_yet', promptTime: '14:00' },
      UNEWYORK: { kind: 'not_prompted_yet', promptTime: '09:00' },
      UCHRISTMAS: { kind: 'not_prompted', reason: 'public holiday (Christmas Day)' },
      UDUBAI: { kind: 'not_prompted', reason: 'not a workday' },
      UAWAY: { kind: 'not_prompted', reason: 'out of office' },
      UPAUSED: { kind: 'not_prompted', reason: 'paused' },
      ULATECOMER: {
        kind: 'not_prompted',
        reason: "added after today's prompt time (09:00 their time)",
      },
    });
    expect(digest.counts).toMatchObject({ noAnswer: 1, notPromptedYet: 2, notPrompted: 5 });

    const message = buildDigestMessage(digest);
    const lines = JSON.stringify(message.blocks);
    expect(lines).toContain(
      '<@UNEWYORK>  :hourglass_flowing_sand: not prompted yet — prompt at 09:00 their time',
    );
    expect(lines).toContain('<@UCHRISTMAS>  :zzz: not prompted — public holiday (Christmas Day)');
    expect(message.text).toContain('2 not prompted yet · 5 not prompted');
    expect(lines).not.toContain('no check-in today');
  });
});
