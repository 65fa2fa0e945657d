import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { runImportCli } from '../support/import-cli.js';

/** `npm run …:import -- <args>` as the operating system runs it, with only the given environment. */
const runImport = (args: string[], env: Record<string, string>) =>
  runImportCli('src/sales/import-cli.ts', args, env);

const SALES_FILE = [
  'rep,amount,currency,account,closed_on,external_id,description,rate',
  'UREP1,1200.50,USD,Acme,2026-11-02,CRM-1,40 seats,',
  // By email, in any case; Sam's team reports in EUR.
  'SAM@acme.test,980,EUR,Bistro,2026-11-03,CRM-2,,',
  // 100.10 × 1.05 = 105.105, half up → 105.11 (in binary floating point 105.10499…, which would give 105.10)
  'UREP1,100.10,GBP,Initech,2026-11-05,CRM-3,"Licences, 3 years",1.05',
  'UREP1,500.00,EUR,Umbrella,2026-11-05,CRM-4,,',
  'UREP1,75.00,USD,Acme,2026-11-06,CRM-1,,',
  'UNOBODY,10.00,USD,Acme,2026-11-06,CRM-5,,',
  // A manager, not a rep.
  'UMGR,10.00,USD,Acme,2026-11-06,CRM-6,,',
  'UREP1,12,50,USD,Acme,2026-11-06,CRM-7,,',
  'UREP1,"1,250.00",USD,Acme,2026-11-06,CRM-8,,',
  'UREP1,10.00,USD,Acme,2026-11-31,CRM-9,,',
  'UREP1,10.00,US$,Acme,2026-11-06,CRM-10,,',
  'UREP1,10.00,USD,Acme,2026-11-06,,,',
  'UREP1,10.00,USD,Acme,2099-01-01,CRM-11,,',
  // No team: the bot's DEFAULT_CURRENCY (USD).
  'UNOTEAM,42,usd,Hooli,2026-11-06,CRM-12,,',
  '',
].join('\n');

// Each run is a fresh Node process compiling TypeScript: seconds each on a busy machine.
describe('npm run sales:import', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let directory: string;
  let env: Record<string, string>;
  let file: string;
  const salesTable = () => database.db.selectFrom('sales').selectAll().orderBy('id').execute();

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    await db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
    const closers = await seedTeam(db, { name: 'Closers' });
    await db.updateTable('teams').set({ reporting_currency: 'USD' }).where('id', '=', closers).execute();
    const paris = await seedTeam(db, { name: 'Paris' });
    await db.updateTable('teams').set({ reporting_currency: 'EUR' }).where('id', '=', paris).execute();
    await seedPerson(db, { slackUserId: 'UREP1', name: 'Rita Rep', teamId: closers });
    const sam = await seedPerson(db, { slackUserId: 'USAM', name: 'Sam Rep', teamId: paris });
    await db.updateTable('people').set({ email: 'sam@acme.test' }).where('id', '=', sam).execute();
    await seedPerson(db, { slackUserId: 'UNOTEAM', name: 'Nia Noteam' });
    await seedPerson(db, { slackUserId: 'UMGR', name: 'Maya Manager', isRep: false, isManager: true });
    directory = await mkdtemp(path.join(tmpdir(), 'sales-import-'));
    file = path.join(directory, 'sales.csv');
    await writeFile(file, SALES_FILE);
    env = { DATABASE_URL: database.url };
  });

  afterAll(async () => {
    await database?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('imports the good lines, converts with a rate, and reports every other line', async () => {
    const run = await runImport([file], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `Sales import of ${file} into workspace T0001`,
        '',
        'Imported (4)',
        '  line 2   CRM-1 · UREP1 Rita Rep · 1200.50 USD · Acme · 2026-11-02',
        '  line 3   CRM-2 · USAM Sam Rep · 980.00 EUR · Bistro · 2026-11-03',
        '  line 4   CRM-3 · UREP1 Rita Rep · 105.11 USD (100.10 GBP at 1.05) · Initech · 2026-11-05',
        '  line 15  CRM-12 · UNOTEAM Nia Noteam · 42.00 USD · Hooli · 2026-11-06',
        'Matched check-in sales (0)',
        'Duplicates (1)',
        '  line 6   duplicate of line 2 (external id CRM-1): UREP1,75.00,USD,Acme,2026-11-06,CRM-1,,',
        'Rejected (9)',
        "  line 5   EUR is not the team's reporting currency (USD): add a rate to convert it: UREP1,500.00,EUR,Umbrella,2026-11-05,CRM-4,,",
        '  line 7   unknown rep UNOBODY (not a rep on the roster): UNOBODY,10.00,USD,Acme,2026-11-06,CRM-5,,',
        '  line 8   unknown rep UMGR (not a rep on the roster): UMGR,10.00,USD,Acme,2026-11-06,CRM-6,,',
        '  line 9   malformed line: expected 8 columns, found 9: UREP1,12,50,USD,Acme,2026-11-06,CRM-7,,',
        '  line 10  malformed amount "1,250.00": use digits with at most two decimals, such as 1200.50: UREP1,"1,250.00",USD,Acme,2026-11-06,CRM-8,,',
        '  line 11  malformed closed_on "2026-11-31": use a date such as 2026-11-23: UREP1,10.00,USD,Acme,2026-11-31,CRM-9,,',
        '  line 12  malformed currency "US$": use a three-letter code such as USD: UREP1,10.00,US$,Acme,2026-11-06,CRM-10,,',
        '  line 13  missing external_id: UREP1,10.00,USD,Acme,2026-11-06,,,',
        '  line 14  closed_on 2099-01-01 is in the future: UREP1,10.00,USD,Acme,2099-01-01,CRM-11,,',
        '',
        '4 imported, 0 matched to check-in sales, 1 duplicate (nothing written), 9 rejected.',
        '',
      ].join('\n'),
    );
    const rows = await salesTable();
    expect(
      rows.map((row) => [
        row.external_id,
        row.amount,
        row.currency,
        row.original_amount,
        row.original_currency,
        row.exchange_rate,
        row.description,
        row.source,
      ]),
    ).toEqual([
      ['CRM-1', '1200.50', 'USD', null, null, null, '40 seats', 'import'],
      ['CRM-2', '980.00', 'EUR', null, null, null, '', 'import'],
      ['CRM-3', '105.11', 'USD', '100.10', 'GBP', '1.05000000', 'Licences, 3 years', 'import'],
      ['CRM-12', '42.00', 'USD', null, null, null, '', 'import'],
    ]);
  });

  it('changes nothing when the same file runs again, and reports its lines as duplicates', async () => {
    const before = await salesTable();
    const run = await runImport([file], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      [
        'Imported (0)',
        'Matched check-in sales (0)',
        'Duplicates (5)',
        '  line 2   already imported (external id CRM-1): UREP1,1200.50,USD,Acme,2026-11-02,CRM-1,40 seats,',
        '  line 3   already imported (external id CRM-2): SAM@acme.test,980,EUR,Bistro,2026-11-03,CRM-2,,',
        '  line 4   already imported (external id CRM-3): UREP1,100.10,GBP,Initech,2026-11-05,CRM-3,"Licences, 3 years",1.05',
        '  line 6   already imported (external id CRM-1): UREP1,75.00,USD,Acme,2026-11-06,CRM-1,,',
        '  line 15  already imported (external id CRM-12): UNOTEAM,42,usd,Hooli,2026-11-06,CRM-12,,',
        'Rejected (9)',
      ].join('\n'),
    );
    expect(run.stdout).toContain(
      '0 imported, 0 matched to check-in sales, 5 duplicates (nothing written), 9 rejected.',
    );
    expect(await salesTable()).toEqual(before);
  });

  it('attaches a line to the sale the rep logged in a check-in and lists it apart', async () => {
    const db = database.db;
    const rita = await db
      .selectFrom('people')
      .select('id')
      .where('slack_user_id', '=', 'UREP1')
      .executeTakeFirstOrThrow();
    const checkIn = await db
      .insertInto('check_ins')
      .values({
        workspace_id: WORKSPACE_ID,
        person_id: rita.id,
        local_date: '2026-11-10',
        about_date: '2026-11-09',
        question: null,
        stage: 'answered',
        outcome: 'sold',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('sales')
      .values({
        workspace_id: WORKSPACE_ID,
        person_id: rita.id,
        check_in_id: checkIn.id,
        description: '5 seats',
        amount: '640.00',
        currency: 'USD',
        account: 'Wayne Enterprises',
        closed_on: '2026-11-09',
        source: 'check_in',
      })
      .execute();
    const crmFile = path.join(directory, 'crm.csv');
    await writeFile(
      crmFile,
      'rep,amount,currency,account,closed_on,external_id\nUREP1,640,USD,wayne  enterprises,2026-11-10,CRM-20\n',
    );
    const before = (await salesTable()).length;
    const run = await runImport([crmFile], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      [
        'Imported (0)',
        'Matched check-in sales (1)',
        '  line 2   matched the sale UREP1 Rita Rep logged in the check-in of 2026-11-10 (external id CRM-20 attached to it): UREP1,640,USD,wayne  enterprises,2026-11-10,CRM-20',
        'Duplicates (0)',
      ].join('\n'),
    );
    expect(run.stdout).toContain(
      '0 imported, 1 matched to check-in sales, 0 duplicates (nothing written), 0 rejected.',
    );
    const rows = await salesTable();
    expect(rows).toHaveLength(before);
    expect(rows.find((row) => row.check_in_id === checkIn.id)?.external_id).toBe('CRM-20');
  });

  it('stops with one line and exit code 1 on a file it cannot read as sales', async () => {
    const wrongHeader = path.join(directory, 'roster.csv');
    await writeFile(wrongHeader, 'user,manager,team\nUREP1,UMGR,EMEA\n');
    const run = await runImport([wrongHeader], env);
    expect(run).toMatchObject({
      code: 1,
      stdout: '',
      stderr:
        'Line 1 is "user,manager,team". The first line must name the columns: rep,amount,currency,account,closed_on,external_id (in any order), and optionally description and rate.\n',
    });
    const unknownWorkspace = await runImport([file, '--workspace', 'T9999'], env);
    expect(unknownWorkspace).toMatchObject({
      code: 1,
      stderr: 'The bot is not installed in workspace T9999.\n',
    });
  });
});
