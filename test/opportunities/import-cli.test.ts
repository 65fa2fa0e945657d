import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPerson, WORKSPACE_ID } from '../support/coaching.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { runImportCli } from '../support/import-cli.js';
import { SlackStandIn } from '../support/slack-stand-in/index.js';

/** `npm run …:import -- <args>` as the operating system runs it, with only the given environment. */
const runImport = (args: string[], env: Record<string, string>) =>
  runImportCli('src/opportunities/import-cli.ts', args, env);

// Each run is a fresh Node process compiling TypeScript: seconds each on a busy machine.
describe('npm run opportunities:import', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let standIn: SlackStandIn;
  let directory: string;
  let env: Record<string, string>;
  const file = () => path.join(directory, 'opportunities.csv');

  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await SlackStandIn.start();
    standIn.addUser({ id: 'UREP1', real_name: 'Rita Rep', profile: { email: 'rita@acme.test' } });
    await database.db.insertInto('workspaces').values({ id: WORKSPACE_ID, enterprise_id: null }).execute();
    await seedPerson(database.db, { slackUserId: 'UREP1', name: 'Rita Rep' });
    directory = await mkdtemp(path.join(tmpdir(), 'opportunities-import-'));
    env = {
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: 'xoxb-opportunities-import-test',
      SLACK_SIGNING_SECRET: 'opportunities0import0signing0secret',
      SLACK_API_URL: standIn.apiUrl,
      SLACK_API_MAX_RETRIES: '0',
    };
    await writeFile(
      file(),
      [
        'external_id,rep,account,name,amount,currency,stage,expected_close_on,probability,timeline',
        'CRM-1,UREP1,Acme,40 seats,12000,EUR,proposal,2026-12-15,60,Board meets on 10 December',
        'CRM-2,rita@acme.test,Globex,Pilot,500,USD,qualified,2027-01-31,20,',
        'CRM-3,UREP1,Initech,Renewal,100,USD,proposal,2026-12-01,101,',
        '',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await standIn?.stop();
    await database?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('imports a file and reports every line', async () => {
    const run = await runImport([file()], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `Opportunities import of ${file()} into workspace T0001`,
        '',
        'Created (2)',
        '  line 2   CRM-1 · Acme — 40 seats · UREP1',
        '  line 3   CRM-2 · Globex — Pilot · UREP1',
        'Updated (0)',
        'Unchanged (already stored like this) (0)',
        'Rejected (1)',
        '  line 4   probability: Enter a whole number from 0 to 100. — CRM-3,UREP1,Initech,Renewal,100,USD,proposal,2026-12-01,101,',
        '',
        '2 created, 0 updated, 0 unchanged, 1 rejected.',
        '',
      ].join('\n'),
    );
    const stored = await database.db.selectFrom('opportunities').selectAll().orderBy('id').execute();
    expect(stored).toMatchObject([
      { external_id: 'CRM-1', customer_timeline: 'Board meets on 10 December' },
      { external_id: 'CRM-2', customer_timeline: null },
    ]);
  });

  it('changes nothing on a second run, and says so', async () => {
    const revisions = () => database.db.selectFrom('opportunity_revisions').select('id').execute();
    const before = await revisions();
    const run = await runImport([file()], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 created, 0 updated, 2 unchanged, 1 rejected.');
    expect(await revisions()).toEqual(before);
  });

  it('stops with one line and exit code 1 on a file without its header', async () => {
    await writeFile(path.join(directory, 'headless.csv'), 'CRM-1,UREP1,Acme\n');
    const run = await runImport([path.join(directory, 'headless.csv')], env);
    expect(run).toMatchObject({ code: 1, stdout: '' });
    expect(run.stderr).toMatch(
      /^Line 1 has a column "CRM-1" the import does not know\. The first line must be/,
    );
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
