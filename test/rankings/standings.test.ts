import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import type { Outcome } from '../../src/db/schema.js';
import { computeWeeklyStandings } from '../../src/domain/rankings/service.js';
import type { Movement, WeeklyStandings } from '../../src/domain/rankings/standings.js';
import { currentWeek, weekToPost } from '../../src/domain/rankings/weeks.js';
import { seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

// Three weeks of a New York team across the end of daylight saving time (Sunday 2026-11-01, 02:00
// EDT → 01:00 EST), Monday to Friday, US public holidays (Veterans Day, Wednesday 2026-11-11):
//   W0 2026-10-19 … 10-25 (only for W1's movement)
//   W1 2026-10-26 … 11-01
//   W2 2026-11-02 … 11-08
//   W3 2026-11-09 … 11-15
// Every expected value below is worked out by hand from the rows seeded here.

const database = useTestDatabase();
let db: Db;
let teamId: number;
const ids: Record<string, number> = {};

const LONG_AGO = '2026-09-01T12:00:00Z';

beforeAll(async () => {
  db = database.current.db;
  await db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
  teamId = await seedTeam(db, { name: 'Closers', timezone: 'America/New_York', holidayCountry: 'US' });
  const otherTeam = await seedTeam(db, { name: 'Hunters', timezone: 'America/New_York' });
  const people: Array<[string, string, number]> = [
    ['Ava', LONG_AGO, teamId],
    ['Ben', LONG_AGO, teamId],
    ['Cleo', LONG_AGO, teamId],
    ['Dan', LONG_AGO, teamId],
    // Joins on Wednesday of W2: new that week.
    ['Eve', '2026-11-04T15:00:00Z', teamId],
    // Sunday 2026-11-01 23:30 EST (04:30 UTC on Monday): still W1 in New York, so ranked in W1.
    ['Finn', '2026-11-02T04:30:00Z', teamId],
    // Deactivated in Slack: never ranked, even with the biggest sale.
    ['Gus', LONG_AGO, teamId],
    // Another team's rep.
    ['Hal', LONG_AGO, otherTeam],
  ];
  for (const [name, createdAt, team] of people) {
    ids[name] = await seedPerson(db, { slackUserId: `U${name.toUpperCase()}`, name, teamId: team });
    // created_at is the database's to set; the fixture backdates it to say when each rep joined.
    await sql`update people set created_at = ${createdAt} where id = ${ids[name]!}`.execute(db);
  }
  await db
    .updateTable('people')
    .set({ slack_deactivated_at: '2026-10-01T00:00:00Z' })
    .where('id', '=', ids.Gus!)
    .execute();
  // A manager on the team is not a rep.
  await seedPerson(db, { slackUserId: 'UMGR', name: 'Maya', isRep: false, isManager: true, teamId });

  const sales: Array<[string, string, string, string?]> = [
    // History, for personal bests: Ava's best week is 6000.00 (09-14 + 09-16, two deals), Ben's
    // 2500.00, Dan's 2000.00 (W0).
    ['Ava', '2026-09-14', '5000.00'],
    ['Ava', '2026-09-16', '1000.00'],
    ['Ben', '2026-10-05', '2500.00'],
    ['Dan', '2026-10-19', '2000.00'],
    // W1
    ['Ava', '2026-10-27', '1200.50'],
    ['Ava', '2026-10-30', '300.25'],
    ['Ben', '2026-10-28', '1500.75'],
    // The last day of W1, the night the clocks went back: W1, not W2.
    ['Cleo', '2026-11-01', '999.99'],
    ['Dan', '2026-10-26', '400.00'],
    ['Gus', '2026-10-27', '9000.00'],
    ['Hal', '2026-10-27', '7000.00'],
    // W2
    ['Ava', '2026-11-03', '250.00'],
    ['Ben', '2026-11-02', '2000.00'],
    // Another currency: not in the USD revenue, but a deal all the same.
    ['Ben', '2026-11-05', '5000.00', 'EUR'],
    ['Cleo', '2026-11-08', '1800.10'],
    ['Eve', '2026-11-05', '700.00'],
    ['Finn', '2026-11-06', '2000.00'],
    // W3
    ['Ava', '2026-11-09', '7000.00'],
    ['Dan', '2026-11-13', '650.00'],
    ['Eve', '2026-11-15', '650.00'],
    // The Monday after W3: counts for no week here, and not for W3's personal bests.
    ['Eve', '2026-11-16', '10000.00'],
  ];
  await db
    .insertInto('sales')
    .values(
      sales.map(([name, closedOn, amount, currency], index) => ({
        workspace_id: WORKSPACE_ID,
        person_id: ids[name]!,
        description: 'seats',
        amount,
        currency: currency ?? 'USD',
        account: 'Acme',
        closed_on: closedOn,
        source: 'import' as const,
        external_id: `S${index + 1}`,
      })),
    )
    .execute();

  const away: Array<[string, string, string]> = [
    // Monday to Thursday of W1: Friday was a workday, so Cleo is ranked in W1.
    ['Cleo', '2026-10-26', '2026-10-29'],
    // All of W2's workdays.
    ['Dan', '2026-11-02', '2026-11-06'],
    // W3 but Wednesday, which is Veterans Day: away on every workday of W3.
    ['Finn', '2026-11-09', '2026-11-10'],
    ['Finn', '2026-11-12', '2026-11-13'],
  ];
  await db
    .insertInto('out_of_office')
    .values(away.map(([name, first, last]) => ({ person_id: ids[name]!, first_day: first, last_day: last })))
    .execute();

  // [rep, local date of the check-in, the day it asks about, outcome (null: not answered)]
  const checkIns: Array<[string, string, string, Outcome | null]> = [
    // Monday's check-in about Friday of W1: W1's effort, not W2's.
    ['Ben', '2026-11-02', '2026-10-30', 'tried'],
    ['Ava', '2026-11-03', '2026-11-02', 'tried'],
    ['Ava', '2026-11-04', '2026-11-03', 'did_not_try'],
    ['Ava', '2026-11-05', '2026-11-04', 'sold'],
    ['Ava', '2026-11-06', '2026-11-05', 'tried'],
    // Asked on Monday of W3 about Friday of W2: W2's effort.
    ['Ava', '2026-11-09', '2026-11-06', 'tried'],
    ['Ben', '2026-11-03', '2026-11-02', 'sold'],
    ['Ben', '2026-11-06', '2026-11-05', 'sold'],
    ['Cleo', '2026-11-04', '2026-11-03', 'did_not_try'],
    ['Cleo', '2026-11-05', '2026-11-04', 'did_not_try'],
    ['Cleo', '2026-11-06', '2026-11-05', 'tried'],
    ['Cleo', '2026-11-09', '2026-11-06', null],
    ['Eve', '2026-11-05', '2026-11-04', 'tried'],
    ['Eve', '2026-11-06', '2026-11-05', 'sold'],
    ['Finn', '2026-11-03', '2026-11-02', 'did_not_try'],
    ['Finn', '2026-11-04', '2026-11-03', 'did_not_try'],
    ['Finn', '2026-11-05', '2026-11-04', null],
    ['Dan', '2026-11-16', '2026-11-13', 'tried'],
  ];
  await db
    .insertInto('check_ins')
    .values(
      checkIns.map(([name, localDate, aboutDate, outcome]) => ({
        workspace_id: WORKSPACE_ID,
        person_id: ids[name]!,
        local_date: localDate,
        about_date: aboutDate,
        question: null,
        stage: outcome === null ? ('prompted' as const) : ('answered' as const),
        outcome,
        prompted_at: `${localDate}T14:00:00Z`,
      })),
    )
    .execute();
});

const up = (places: number): Movement => ({ kind: 'up', places });
const down = (places: number): Movement => ({ kind: 'down', places });
const same: Movement = { kind: 'same' };
const isNew: Movement = { kind: 'new' };

function rep(name: string) {
  return { personId: ids[name]!, slackUserId: `U${name.toUpperCase()}`, name };
}

function entry(name: string, rank: number, figure: string, movement: Movement, personalBest = false) {
  return { ...rep(name), rank, figure, movement, personalBest };
}

function effort(name: string, rank: number, daysTried: number, daysAnswered: number, daysAsked: number) {
  return { ...rep(name), rank, daysTried, daysAnswered, daysAsked };
}

function standings(weekStart: string): Promise<WeeklyStandings> {
  return computeWeeklyStandings(db, {
    teamId,
    weekStart,
    defaultCurrency: 'USD',
    defaultTimeZone: 'UTC',
  });
}

describe('weekly standings over three weeks in New York across the end of DST', () => {
  it('W1: a tie at the top, a first personal best, a rep who joined on the last night of the week', async () => {
    expect(await standings('2026-10-26')).toEqual({
      teamId,
      teamName: 'Closers',
      metric: 'revenue',
      currency: 'USD',
      weekStart: '2026-10-26',
      weekEnd: '2026-11-01',
      // Ava 1200.50 + 300.25 = 1500.75 ties Ben's 1500.75: both 1st, then 3rd, 4th, 5th.
      // W0 ranks: Dan 1st (2000.00); Ava, Ben, Cleo 2nd (0.00). Finn was not on the roster in W0.
      entries: [
        entry('Ava', 1, '1500.75', up(1)),
        entry('Ben', 1, '1500.75', up(1)),
        // Cleo's first sale ever: a personal best.
        entry('Cleo', 3, '999.99', down(1), true),
        // 400.00 is below Dan's 2000.00 of W0.
        entry('Dan', 4, '400.00', down(3)),
        entry('Finn', 5, '0.00', isNew),
      ],
      // Only Ben's check-in about Friday 10-30 (sent on Monday 11-02) is about W1.
      effort: [
        effort('Ben', 1, 1, 1, 1),
        effort('Ava', 2, 0, 0, 0),
        effort('Cleo', 2, 0, 0, 0),
        effort('Dan', 2, 0, 0, 0),
        effort('Finn', 2, 0, 0, 0),
      ],
      outOfOffice: [],
      // 1500.75 + 1500.75 + 999.99 + 400.00 + 0.00 = 4401.49 (Gus's 9000.00 and Hal's 7000.00 are not the team's)
      total: '4401.49',
      // W0: Dan's 2000.00
      previousTotal: '2000.00',
      uncounted: { sales: 0, currencies: [] },
    });
  });

  it('W2: a newcomer, a rep away all week listed apart, another currency left out', async () => {
    expect(await standings('2026-11-02')).toEqual({
      teamId,
      teamName: 'Closers',
      metric: 'revenue',
      currency: 'USD',
      weekStart: '2026-11-02',
      weekEnd: '2026-11-08',
      // W1 ranks: Ava 1, Ben 1, Cleo 3, Dan 4, Finn 5.
      entries: [
        // Ben's EUR 5000.00 is left out; 2000.00 is below his 2500.00 of 10-05.
        entry('Ben', 1, '2000.00', same),
        entry('Finn', 1, '2000.00', up(4), true),
        // Sold on Sunday 11-08; 1800.10 beats W1's 999.99.
        entry('Cleo', 3, '1800.10', same, true),
        entry('Eve', 4, '700.00', isNew, true),
        entry('Ava', 5, '250.00', down(4)),
      ],
      // tried / answered / asked (every seeded check-in was prompted):
      // Ava: tried 11-02, 11-04 (sold), 11-05, 11-06; answered those and 11-03 → 4 / 5 / 5.
      // Ben: sold 11-02, 11-05 → 2 / 2 / 2; Eve (joined Wednesday): tried 11-04, sold 11-05 → 2 / 2 / 2 (tied).
      // Cleo: tried 11-05; answered 11-03, 11-04, 11-05; asked those and 11-06 → 1 / 3 / 4.
      // Finn: answered 11-02, 11-03 without trying; asked those and 11-04 → 0 / 2 / 3.
      effort: [
        effort('Ava', 1, 4, 5, 5),
        effort('Ben', 2, 2, 2, 2),
        effort('Eve', 2, 2, 2, 2),
        effort('Cleo', 4, 1, 3, 4),
        effort('Finn', 5, 0, 2, 3),
      ],
      outOfOffice: [rep('Dan')],
      // 2000.00 + 2000.00 + 1800.10 + 700.00 + 250.00
      total: '6750.10',
      previousTotal: '4401.49',
      // Ben's EUR 5000.00, counted but not named.
      uncounted: { sales: 1, currencies: ['EUR'] },
    });
  });

  it('W3: back from leave counts as new, zeros tie at the bottom, a holiday completes a leave', async () => {
    expect(await standings('2026-11-09')).toEqual({
      teamId,
      teamName: 'Closers',
      metric: 'revenue',
      currency: 'USD',
      weekStart: '2026-11-09',
      weekEnd: '2026-11-15',
      // W2 ranks: Ben 1, Finn 1, Cleo 3, Eve 4, Ava 5; Dan was away.
      entries: [
        // 7000.00 beats Ava's 6000.00 week of 09-14.
        entry('Ava', 1, '7000.00', up(4), true),
        // 650.00 is below Dan's 2000.00 (W0) and Eve's 700.00 (W2); Eve's 10000.00 is W4's.
        entry('Dan', 2, '650.00', isNew),
        entry('Eve', 2, '650.00', up(2)),
        entry('Ben', 4, '0.00', down(3)),
        entry('Cleo', 4, '0.00', down(1)),
      ],
      // Dan's check-in of Monday 11-16 about Friday 11-13; Ava's of 11-09 was about W2.
      effort: [
        effort('Dan', 1, 1, 1, 1),
        effort('Ava', 2, 0, 0, 0),
        effort('Ben', 2, 0, 0, 0),
        effort('Cleo', 2, 0, 0, 0),
        effort('Eve', 2, 0, 0, 0),
      ],
      outOfOffice: [rep('Finn')],
      // 7000.00 + 650.00 + 650.00
      total: '8300.00',
      previousTotal: '6750.10',
      uncounted: { sales: 0, currencies: [] },
    });
  });

  it('W2: a rep paused since before the week is counted apart like one away; one paused mid-week stays ranked', async () => {
    const pause = (name: string, at: string | null) =>
      db.updateTable('people').set({ paused_at: at }).where('id', '=', ids[name]!).execute();
    // Monday 11-02 00:00 EST, the week's first instant: paused through the whole week.
    await pause('Finn', '2026-11-02T05:00:00Z');
    // Wednesday 11-04 15:00 EST: asked on Monday and Tuesday, so still ranked.
    await pause('Eve', '2026-11-04T20:00:00Z');
    try {
      const result = await standings('2026-11-02');
      // W1 ranks as before (Finn was not paused then): Ava 1, Ben 1, Cleo 3, Dan 4, Finn 5.
      expect(result.entries).toEqual([
        entry('Ben', 1, '2000.00', same),
        entry('Cleo', 2, '1800.10', up(1), true),
        entry('Eve', 3, '700.00', isNew, true),
        entry('Ava', 4, '250.00', down(3)),
      ]);
      expect(result.effort.map((e) => e.name)).toEqual(['Ava', 'Ben', 'Eve', 'Cleo']);
      expect(result.outOfOffice).toEqual([rep('Dan'), rep('Finn')]);
      // Without Finn's 2000.00; W1 still has his 0.00.
      expect([result.total, result.previousTotal]).toEqual(['4750.10', '4401.49']);
      // Paused since before W1 as well: ranked in neither week.
      await pause('Finn', '2026-10-20T12:00:00Z');
      const paused = await standings('2026-11-02');
      expect(paused.entries.map((e) => [e.name, e.movement])).toEqual([
        ['Ben', same],
        ['Cleo', up(1)],
        ['Eve', isNew],
        ['Ava', down(3)],
      ]);
    } finally {
      await pause('Finn', null);
      await pause('Eve', null);
    }
  });

  it('W2 counted in deals: every sale counts once, in any currency', async () => {
    await db.updateTable('teams').set({ standings_metric: 'deals' }).where('id', '=', teamId).execute();
    try {
      const result = await standings('2026-11-02');
      // W1 deals: Ava 2, Ben 1, Cleo 1, Dan 1, Finn 0 → ranks Ava 1, Ben/Cleo/Dan 2, Finn 5.
      // Earlier best weeks: Ava 2 (09-14 and W1), Ben 1, Cleo 1 (W1), Finn none, Eve none.
      expect(result.entries).toEqual([
        // USD 2000.00 and EUR 5000.00
        entry('Ben', 1, '2', up(1), true),
        entry('Ava', 2, '1', down(1)),
        entry('Cleo', 2, '1', same),
        entry('Eve', 2, '1', isNew, true),
        entry('Finn', 2, '1', up(3), true),
      ]);
      expect(result.metric).toBe('deals');
      // 2 + 1 + 1 + 1 + 1 = 6; W1: 2 + 1 + 1 + 1 + 0 = 5
      expect([result.total, result.previousTotal]).toEqual(['6', '5']);
      // Nothing is left out of a count of deals.
      expect(result.uncounted).toBeUndefined();
    } finally {
      await db.updateTable('teams').set({ standings_metric: 'revenue' }).where('id', '=', teamId).execute();
    }
  });

  it("W2: counts the ranked reps' sales of the week left out for their currency, and which currencies", async () => {
    const extra: Array<[string, string, string]> = [
      ['Ava', '2026-11-04', 'GBP'],
      ['Cleo', '2026-11-06', 'EUR'],
      // Not counted as left out: Dan is away all week (not ranked), Hal is on another team, and the
      // others fall in W1 and W3.
      ['Dan', '2026-11-03', 'GBP'],
      ['Hal', '2026-11-03', 'EUR'],
      ['Ava', '2026-11-01', 'EUR'],
      ['Eve', '2026-11-09', 'CHF'],
    ];
    await db
      .insertInto('sales')
      .values(
        extra.map(([name, closedOn, currency], index) => ({
          workspace_id: WORKSPACE_ID,
          person_id: ids[name]!,
          description: 'seats',
          amount: '100.00',
          currency,
          account: 'Acme',
          closed_on: closedOn,
          source: 'import' as const,
          external_id: `UNCOUNTED${index + 1}`,
        })),
      )
      .execute();
    try {
      const result = await standings('2026-11-02');
      // Ben's EUR 5000.00, Ava's GBP and Cleo's EUR: three sales, two currencies, in order.
      expect(result.uncounted).toEqual({ sales: 3, currencies: ['EUR', 'GBP'] });
      // The figures are as before.
      expect([result.total, result.previousTotal]).toEqual(['6750.10', '4401.49']);
      expect((await standings('2026-11-09')).uncounted).toEqual({ sales: 1, currencies: ['CHF'] });
    } finally {
      await db.deleteFrom('sales').where('external_id', 'like', 'UNCOUNTED%').execute();
    }
  });

  it('has no previous total for a team whose reps all joined this week', async () => {
    const newTeam = await seedTeam(db, { name: 'Starters', timezone: 'America/New_York' });
    const zoe = await seedPerson(db, { slackUserId: 'UZOE', name: 'Zoe', teamId: newTeam });
    // Joined on the Wednesday of that week, whatever today's date is.
    await sql`update people set created_at = ${'2026-11-25T15:00:00Z'} where id = ${zoe}`.execute(db);
    const result = await computeWeeklyStandings(db, {
      teamId: newTeam,
      weekStart: '2026-11-23',
      defaultCurrency: 'EUR',
      defaultTimeZone: 'UTC',
    });
    expect(result).toMatchObject({ currency: 'EUR', total: '0.00', previousTotal: null });
    expect(result.entries.map((e) => [e.name, e.rank, e.movement])).toEqual([['Zoe', 1, isNew]]);
  });

  it('gives a team without reps an empty board', async () => {
    const emptyTeam = await seedTeam(db, { name: 'Empty', timezone: 'America/New_York' });
    expect(
      await computeWeeklyStandings(db, {
        teamId: emptyTeam,
        weekStart: '2026-11-09',
        defaultCurrency: 'USD',
        defaultTimeZone: 'UTC',
      }),
    ).toMatchObject({ entries: [], effort: [], outOfOffice: [], total: '0.00', previousTotal: null });
  });
});

describe('which week a team sees', () => {
  const newYork = { timezone: 'America/New_York' };

  it('posts on Monday morning about the week that ended on Sunday night in the team zone', () => {
    // Monday 11-09 09:00 EST
    expect(weekToPost(newYork, new Date('2026-11-09T14:00:00Z'), 'UTC')).toEqual({
      weekStart: '2026-11-02',
      weekEnd: '2026-11-08',
    });
    // Sunday 11-08 23:30 EST is still W2 in New York, though Monday in UTC.
    expect(weekToPost(newYork, new Date('2026-11-09T04:30:00Z'), 'UTC')).toEqual({
      weekStart: '2026-10-26',
      weekEnd: '2026-11-01',
    });
  });

  it('shows the week under way, on the night the clocks went back, in the team zone or the default', () => {
    // Sunday 11-01 23:30 EST (04:30 UTC on Monday 11-02)
    const instant = new Date('2026-11-02T04:30:00Z');
    expect(currentWeek(newYork, instant, 'UTC')).toEqual({ weekStart: '2026-10-26', weekEnd: '2026-11-01' });
    expect(currentWeek({ timezone: null }, instant, 'UTC')).toEqual({
      weekStart: '2026-11-02',
      weekEnd: '2026-11-08',
    });
    expect(currentWeek({ timezone: null }, instant, 'America/New_York').weekStart).toBe('2026-10-26');
  });
});
