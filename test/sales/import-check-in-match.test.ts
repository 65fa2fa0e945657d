import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import type { Clock } from '../../src/domain/clock.js';
import { computeWeeklyStandings } from '../../src/domain/rankings/service.js';
import { importSales } from '../../src/domain/sales/import.js';
import { seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';
import { useTestDatabase } from '../support/database.js';

// A deal a rep logged in a daily check-in, then exported by the CRM: the import must not count it twice.

const database = useTestDatabase();
let db: Db;
let closers: number;
const clock: Clock = { now: () => new Date('2026-11-20T12:00:00Z') };
const HEADER = 'rep,amount,currency,account,closed_on,external_id,description,rate';

const run = (lines: string[]) =>
  importSales(db, clock, {
    workspaceId: WORKSPACE_ID,
    defaultCurrency: 'USD',
    csvText: [HEADER, ...lines, ''].join('\n'),
  });

async function rep(slackUserId: string, name: string, teamId = closers): Promise<number> {
  const id = await seedPerson(db, { slackUserId, name, teamId });
  await sql`update people set created_at = '2026-01-01T00:00:00Z' where id = ${id}`.execute(db);
  return id;
}

/** A sale as the check-in flow stores it: source check_in, tied to the check-in of `checkInDate`. */
async function logCheckInSale(
  personId: number,
  sale: {
    checkInDate: string;
    closedOn: string;
    amount: string;
    currency?: string;
    account: string;
    externalId?: string;
    createdAt?: string;
  },
): Promise<string> {
  const checkIn = await db
    .insertInto('check_ins')
    .values({
      workspace_id: WORKSPACE_ID,
      person_id: personId,
      local_date: sale.checkInDate,
      about_date: sale.closedOn,
      question: null,
      stage: 'answered',
      outcome: 'sold',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await db
    .insertInto('sales')
    .values({
      workspace_id: WORKSPACE_ID,
      person_id: personId,
      check_in_id: checkIn.id,
      description: 'logged in Slack',
      amount: sale.amount,
      currency: sale.currency ?? 'USD',
      account: sale.account,
      won_because: 'they liked the demo',
      closed_on: sale.closedOn,
      source: 'check_in',
      external_id: sale.externalId ?? null,
      created_at: new Date(sale.createdAt ?? '2026-11-05T09:00:00Z'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const salesOf = (personId: number) =>
  db
    .selectFrom('sales')
    .select(['id', 'source', 'external_id', 'amount', 'currency', 'account', 'closed_on', 'check_in_id'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();

beforeAll(async () => {
  db = database.current.db;
  await db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
  closers = await seedTeam(db, { name: 'Closers' });
  await db.updateTable('teams').set({ reporting_currency: 'USD' }).where('id', '=', closers).execute();
});

describe('importSales and the sales reps logged in check-ins', () => {
  it('attaches a matching line to the check-in sale, inserts nothing, and the deal counts once', async () => {
    const rita = await rep('UREP1', 'Rita Rep');
    const saleId = await logCheckInSale(rita, {
      checkInDate: '2026-11-04',
      closedOn: '2026-11-03',
      amount: '1200.50',
      account: '  ACME   Corp ',
    });
    const before = await salesOf(rita);

    // Account in another case and spacing, closed three days after the rep's date.
    const report = await run(['UREP1,1200.5,usd,acme corp,2026-11-06,CRM-1,40 seats,']);
    expect(report).toEqual({
      imported: [],
      duplicates: [],
      rejected: [],
      matched: [
        {
          line: 2,
          text: 'UREP1,1200.5,usd,acme corp,2026-11-06,CRM-1,40 seats,',
          reason:
            'matched the sale UREP1 Rita Rep logged in the check-in of 2026-11-04 (external id CRM-1 attached to it)',
        },
      ],
    });
    // The rep's record as they logged it, now known by its CRM id.
    expect(await salesOf(rita)).toEqual([{ ...before[0], external_id: 'CRM-1' }]);
    expect(before[0]).toMatchObject({
      id: saleId,
      closed_on: '2026-11-03',
      amount: '1200.50',
      source: 'check_in',
    });

    const standings = await computeWeeklyStandings(db, {
      teamId: closers,
      weekStart: '2026-11-02',
      defaultCurrency: 'USD',
      defaultTimeZone: 'UTC',
    });
    expect(standings.entries.find((entry) => entry.personId === rita)?.figure).toBe('1200.50');

    // The same file again: a plain duplicate, nothing written.
    const again = await run(['UREP1,1200.5,usd,acme corp,2026-11-06,CRM-1,40 seats,']);
    expect(again).toEqual({
      imported: [],
      matched: [],
      rejected: [],
      duplicates: [
        {
          line: 2,
          text: 'UREP1,1200.5,usd,acme corp,2026-11-06,CRM-1,40 seats,',
          reason: 'already imported (external id CRM-1)',
        },
      ],
    });
    expect(await salesOf(rita)).toEqual([{ ...before[0], external_id: 'CRM-1' }]);
  });

  it('inserts near misses: another account, amount, currency, rep, 4 days apart, or an already claimed sale', async () => {
    const nora = await rep('UNEAR', 'Nora Near');
    const otto = await rep('UOTHER', 'Otto Other');
    const unclaimed = await logCheckInSale(nora, {
      checkInDate: '2026-11-11',
      closedOn: '2026-11-10',
      amount: '500.00',
      account: 'Globex',
    });
    await logCheckInSale(nora, {
      checkInDate: '2026-11-12',
      closedOn: '2026-11-10',
      amount: '700.00',
      account: 'Initech',
      externalId: 'OLD-1',
    });

    const report = await run([
      'UNEAR,500.00,USD,Globex Ltd,2026-11-10,N-1,,',
      'UNEAR,500.01,USD,Globex,2026-11-10,N-2,,',
      // 500 EUR is not 500 USD, and 550.00 USD once converted is not either.
      'UNEAR,500.00,EUR,Globex,2026-11-10,N-3,,1.1',
      'UNEAR,500.00,USD,Globex,2026-11-14,N-4,,',
      'UNEAR,500.00,USD,Globex,2026-11-06,N-5,,',
      'UNEAR,700.00,USD,Initech,2026-11-10,N-6,,',
      'UOTHER,500.00,USD,Globex,2026-11-10,N-7,,',
    ]);
    expect(report.matched).toEqual([]);
    expect(report.rejected).toEqual([]);
    expect(report.duplicates).toEqual([]);
    expect(report.imported.map((sale) => sale.externalId)).toEqual([
      'N-1',
      'N-2',
      'N-3',
      'N-4',
      'N-5',
      'N-6',
      'N-7',
    ]);
    const rows = await salesOf(nora);
    expect(rows.map((row) => [row.source, row.external_id])).toEqual([
      ['check_in', null],
      ['check_in', 'OLD-1'],
      ['import', 'N-1'],
      ['import', 'N-2'],
      ['import', 'N-3'],
      ['import', 'N-4'],
      ['import', 'N-5'],
      ['import', 'N-6'],
    ]);
    expect(rows[0]?.id).toBe(unclaimed);
    expect(await salesOf(otto)).toHaveLength(1);
  });

  it('matches a converted line on the amount the file said, or on the converted amount', async () => {
    const paris = await seedTeam(db, { name: 'Paris' });
    await db.updateTable('teams').set({ reporting_currency: 'EUR' }).where('id', '=', paris).execute();
    const paul = await rep('UPAUL', 'Paul Paris', paris);
    // Logged in the currency the customer paid in…
    await logCheckInSale(paul, {
      checkInDate: '2026-11-10',
      closedOn: '2026-11-09',
      amount: '1000.00',
      currency: 'USD',
      account: 'Acme',
    });
    // …and in the team's currency, as the CRM converts it (1000.10 × 0.9 = 900.09).
    await logCheckInSale(paul, {
      checkInDate: '2026-11-11',
      closedOn: '2026-11-10',
      amount: '900.09',
      currency: 'EUR',
      account: 'Globex',
    });

    const report = await run([
      'UPAUL,1000,USD,Acme,2026-11-09,P-1,,0.9',
      'UPAUL,1000.10,USD,Globex,2026-11-11,P-2,,0.9',
    ]);
    expect(report.imported).toEqual([]);
    expect(report.matched.map((line) => [line.line, line.reason])).toEqual([
      [
        2,
        'matched the sale UPAUL Paul Paris logged in the check-in of 2026-11-10 (external id P-1 attached to it)',
      ],
      [
        3,
        'matched the sale UPAUL Paul Paris logged in the check-in of 2026-11-11 (external id P-2 attached to it)',
      ],
    ]);
    expect(
      (await salesOf(paul)).map((row) => [row.source, row.external_id, row.amount, row.currency]),
    ).toEqual([
      ['check_in', 'P-1', '1000.00', 'USD'],
      ['check_in', 'P-2', '900.09', 'EUR'],
    ]);
  });

  it('lets one check-in sale absorb one line only: a second line for it is a new sale', async () => {
    const tom = await rep('UTWO', 'Tom Two');
    await logCheckInSale(tom, {
      checkInDate: '2026-11-11',
      closedOn: '2026-11-10',
      amount: '300.00',
      account: 'Hooli',
    });

    const report = await run(['UTWO,300,USD,Hooli,2026-11-12,T-1,,', 'UTWO,300,USD,Hooli,2026-11-11,T-2,,']);
    expect(report.matched.map((line) => line.line)).toEqual([2]);
    expect(report.imported.map((sale) => [sale.line, sale.externalId])).toEqual([[3, 'T-2']]);
    expect((await salesOf(tom)).map((row) => [row.source, row.external_id])).toEqual([
      ['check_in', 'T-1'],
      ['import', 'T-2'],
    ]);
  });

  it('imports the same file sent several times at once as once: one match, the rest duplicates, no failure', async () => {
    const vera = await rep('UVERA', 'Vera Twice');
    // Two check-in sales the line could match: a second import must not take the other one.
    for (const day of ['2026-11-16', '2026-11-17']) {
      await logCheckInSale(vera, { checkInDate: day, closedOn: day, amount: '700.00', account: 'Initech' });
    }
    const file = ['UVERA,700,USD,Initech,2026-11-16,SAME-1,,'];

    const reports = await Promise.all([run(file), run(file), run(file), run(file)]);
    expect(reports.map((report) => report.matched.length).sort()).toEqual([0, 0, 0, 1]);
    expect(reports.map((report) => report.duplicates.length).sort()).toEqual([0, 1, 1, 1]);
    expect(reports.flatMap((report) => [...report.imported, ...report.rejected])).toEqual([]);
    expect((await salesOf(vera)).map((row) => [row.source, row.external_id])).toEqual([
      ['check_in', 'SAME-1'],
      ['check_in', null],
    ]);
  });

  it('takes the check-in sale closed nearest the line, then the one logged first', async () => {
    const cara = await rep('UCLOSE', 'Cara Close');
    await logCheckInSale(cara, {
      checkInDate: '2026-11-09',
      closedOn: '2026-11-08',
      amount: '250.00',
      account: 'Soylent',
    });
    const nearest = await logCheckInSale(cara, {
      checkInDate: '2026-11-12',
      closedOn: '2026-11-11',
      amount: '250.00',
      account: 'Soylent',
    });
    // Two days either side of 2026-11-15: the one logged earlier wins, though its id is higher.
    const later = await logCheckInSale(cara, {
      checkInDate: '2026-11-14',
      closedOn: '2026-11-13',
      amount: '250.00',
      account: 'Umbrella',
      createdAt: '2026-11-14T09:00:00Z',
    });
    const earlier = await logCheckInSale(cara, {
      checkInDate: '2026-11-18',
      closedOn: '2026-11-17',
      amount: '250.00',
      account: 'Umbrella',
      createdAt: '2026-11-13T09:00:00Z',
    });

    const report = await run([
      'UCLOSE,250,USD,Soylent,2026-11-10,C-1,,',
      'UCLOSE,250,USD,Umbrella,2026-11-15,C-2,,',
    ]);
    expect(report.imported).toEqual([]);
    const byId = new Map((await salesOf(cara)).map((row) => [row.id, row.external_id]));
    expect(byId.get(nearest)).toBe('C-1');
    expect(byId.get(earlier)).toBe('C-2');
    expect(byId.get(later)).toBeNull();
    expect([...byId.values()].filter((id) => id === null)).toHaveLength(2);
  });
});
