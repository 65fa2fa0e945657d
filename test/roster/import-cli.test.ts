import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { runImportCli } from '../support/import-cli.js';
import { SlackStandIn } from '../support/slack-stand-in/index.js';

/** `npm run …:import -- <args>` as the operating system runs it, with only the given environment. */
const runImport = (args: string[], env: Record<string, string>) =>
  runImportCli('src/roster/import-cli.ts', args, env);

// Each run is a fresh Node process compiling TypeScript: seconds each on a busy machine.
describe('npm run roster:import', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let standIn: SlackStandIn;
  let directory: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    standIn = await SlackStandIn.start();
    standIn.addUser({ id: 'UMGR', real_name: 'Maya Manager', profile: { email: 'maya@acme.test' } });
    standIn.addUser({ id: 'UREP1', real_name: 'Rita Rep', tz: 'Asia/Kathmandu' });
    directory = await mkdtemp(path.join(tmpdir(), 'roster-import-'));
    env = {
      DATABASE_URL: database.url,
      SLACK_BOT_TOKEN: 'xoxb-roster-import-test',
      SLACK_SIGNING_SECRET: 'roster0import0signing0secret',
      SLACK_API_URL: standIn.apiUrl,
      SLACK_API_MAX_RETRIES: '0',
    };
    await writeFile(
      path.join(directory, 'roster.csv'),
      [
        'user,manager,team',
        'maya@acme.test,,Leadership',
        'UREP1,maya@acme.test,EMEA',
        'UNOBODY,UMGR,EMEA',
        '',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    await standIn?.stop();
    await database?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('imports a file against Slack and prints the report', async () => {
    const run = await runImport([path.join(directory, 'roster.csv')], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('into workspace T0001');
    expect(run.stdout).toContain(
      'Accepted (2)\n  line 2   UMGR Maya Manager · team Leadership\n  line 3   UREP1 Rita Rep · manager UMGR · team EMEA',
    );
    expect(run.stdout).toContain('Rejected (1)\n  line 4   unknown user (not in Slack): UNOBODY,UMGR,EMEA');
    expect(run.stdout).toContain('2 accepted, 0 unchanged, 1 rejected.');
    const rep = await database.db
      .selectFrom('people')
      .selectAll()
      .where('slack_user_id', '=', 'UREP1')
      .executeTakeFirstOrThrow();
    expect(rep).toMatchObject({ workspace_id: 'T0001', is_rep: true, timezone: 'Asia/Kathmandu' });
  });

  it('changes nothing on a second run, and says so', async () => {
    const run = await runImport([path.join(directory, 'roster.csv')], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('0 accepted, 2 unchanged, 1 rejected.');
  });

  it('stops with one line and exit code 1 on a fatal error', async () => {
    const missing = await runImport([path.join(directory, 'nope.csv')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`Cannot read ${path.join(directory, 'nope.csv')}: no such file.\n`);
    expect(missing.stdout).toBe('');
    const noFile = await runImport([], env);
    expect(noFile).toMatchObject({
      code: 1,
      stderr: 'Usage: npm run roster:import -- <file.csv> [--workspace T…]\n',
    });
  });

  it('refuses a file without its header, and a workspace the token does not belong to', async () => {
    await writeFile(path.join(directory, 'headless.csv'), 'UREP1,UMGR,EMEA\n');
    const headless = await runImport([path.join(directory, 'headless.csv')], env);
    expect(headless.code).toBe(1);
    expect(headless.stderr).toMatch(
      /^Line 1 is "UREP1,UMGR,EMEA"\. The first line must be the header user,manager,team/,
    );
    expect(headless.stderr.trim().split('\n')).toHaveLength(1);

    const wrongWorkspace = await runImport([path.join(directory, 'roster.csv'), '--workspace', 'T9999'], env);
    expect(wrongWorkspace).toMatchObject({
      code: 1,
      stderr: 'SLACK_BOT_TOKEN belongs to workspace T0001, not T9999.\n',
    });
  });
});
