import { beforeAll, describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/db/schema.js';
import { useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import { seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';
import { backdatePerson, seedSale } from '../support/standings.js';

/** "Your week" on a rep's App Home, over signed HTTP against the real standings and check-ins. */
describe('the week on a rep’s Home', () => {
  // Thursday 10 Dec 2026: the week so far runs from Monday 7 Dec.
  const clock = new MovableClock('2026-12-10T15:00:00Z');
  const fixture = useBotFixture({ clock });
  const db = () => fixture.database.db;

  async function homeOf(userId: string): Promise<string> {
    await fixture.bot.driver.event({
      type: 'app_home_opened',
      user: userId,
      channel: `D${userId}`,
      tab: 'home',
    });
    const [published] = await fixture.standIn.waitForCalls('views.publish', 1);
    expect(published?.args.user_id).toBe(userId);
    return JSON.stringify(published?.args.view);
  }

  async function seedCheckIns(personId: number, days: Array<[string, string, Outcome | null]>) {
    await db()
      .insertInto('check_ins')
      .values(
        days.map(([localDate, aboutDate, outcome]) => ({
          workspace_id: WORKSPACE_ID,
          person_id: personId,
          local_date: localDate,
          about_date: aboutDate,
          question: null,
          stage: outcome === null ? ('prompted' as const) : ('answered' as const),
          outcome,
          prompted_at: new Date(`${localDate}T09:00:00Z`),
        })),
      )
      .execute();
  }

  beforeAll(async () => {
    const managerId = await seedPerson(db(), {
      slackUserId: 'UMGR',
      name: 'Maya Manager',
      isRep: false,
      isManager: true,
    });
    const teamId = await seedTeam(db(), { name: 'EMEA', timezone: 'UTC', managerId });
    const rita = await seedPerson(db(), { slackUserId: 'UREP1', name: 'Rita Rep', managerId, teamId });
    const sam = await seedPerson(db(), { slackUserId: 'UREP2', name: 'Sam Rep', managerId, teamId });
    const nia = await seedPerson(db(), { slackUserId: 'UREP3', name: 'Nia New', managerId, teamId });
    for (const [id, name] of [
      ['UMGR', 'Maya Manager'],
      ['UREP1', 'Rita Rep'],
      ['UREP2', 'Sam Rep'],
      ['UREP3', 'Nia New'],
    ] as const) {
      fixture.standIn.addUser({ id, real_name: name, tz: 'UTC' });
    }
    for (const id of [rita, sam, nia]) await backdatePerson(db(), id);
    await seedSale(db(), rita, '2026-12-08', '1000.00');
    await seedSale(db(), sam, '2026-12-09', '3000.00');
    await seedCheckIns(rita, [
      ['2026-12-03', '2026-12-02', 'did_not_try'],
      ['2026-12-04', '2026-12-03', 'tried'],
      ['2026-12-07', '2026-12-04', 'tried'],
      ['2026-12-08', '2026-12-07', 'sold'],
      ['2026-12-09', '2026-12-08', 'tried'],
      // Today's, not answered yet: still open, so it breaks no streak.
      ['2026-12-10', '2026-12-09', null],
    ]);
    await seedCheckIns(sam, [
      ['2026-12-08', '2026-12-07', 'sold'],
      // Missed yesterday: no streak for Sam today.
      ['2026-12-09', '2026-12-08', null],
      ['2026-12-10', '2026-12-09', 'did_not_try'],
    ]);
  });

  it('shows a rep where they stand so far, their effort this week and their streaks', async () => {
    const home = await homeOf('UREP1');
    expect(home).toContain('"text":"Your week"');
    // Last week nobody sold, so all three shared first place: Rita is down one, with her best week yet.
    expect(home).toContain(
      '*2nd* of 3 in *EMEA* so far · *USD 1,000* · down 1 place on last week · :star2: personal best',
    );
    expect(home).toContain('Tried on 2 days and answered on 2 days this week.');
    expect(home).toContain(':fire: Tried 4 workdays in a row · answered 5 workdays in a row');
  });

  it('breaks the streak on a missed day and on a day without a try', async () => {
    const home = await homeOf('UREP2');
    expect(home).toContain('*1st* of 3 in *EMEA* so far · *USD 3,000*');
    // Today's answer says no try: the answer streak is one day, the try streak is gone.
    expect(home).toContain('Answered 1 workday in a row');
    expect(home).not.toContain(':fire:');
  });

  it('invites a rep without answers to start a streak', async () => {
    const home = await homeOf('UREP3');
    expect(home).toContain('No streak running: answer your next prompt to start one.');
    expect(home).toContain('of 3 in *EMEA* so far');
  });

  it('shows a manager no week of their own, but their reps’ day so far, as their digest has it now', async () => {
    const home = await homeOf('UMGR');
    expect(home).not.toContain('Your week');
    expect(home).toContain('"text":"Today so far · Thu 10 Dec 2026"');
    // Rita has not answered today's prompt yet; Sam answered that he did not try.
    expect(home).toMatch(/0 sold · 0 tried · 1 didn't try · 1 no answer/);
  });

  it('shows a rep no day of their team', async () => {
    expect(await homeOf('UREP1')).not.toContain('Today so far');
  });
});
