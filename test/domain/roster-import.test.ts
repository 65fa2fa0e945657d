import { beforeAll, describe, expect, it } from 'vitest';
import { findPersonBySlackId, updatePerson, upsertPerson } from '../../src/db/queries/people.js';
import { DirectoryUnavailableError } from '../../src/domain/roster/directory.js';
import { importRoster, RosterImportError } from '../../src/domain/roster/import.js';
import { type RosterWorld, useRosterWorld, WORKSPACE_ID } from '../support/roster.js';

const ROSTER = [
  '# Acme sales roster, exported from the CRM', // 1
  'user,manager,team', // 2
  '', // 3
  'UREP1,maya@acme.test,EMEA', // 4: manager by email, listed further down
  'sam@acme.test, UMGR ,"EMEA"', // 5
  'UNOPE,UMGR,EMEA', // 6
  'UGONE,UMGR,EMEA', // 7
  'UROBOT,UMGR,', // 8
  'UREP1,UMGR,EMEA', // 9
  'UMGR,UBOSS,"Sales, Leadership"', // 10: the manager is a rep too, under someone already on the roster
  'UREP3,nobody@acme.test,EMEA', // 11
  'UREP4,UOUTSIDER,EMEA', // 12
  'UREP5,UREP5,', // 13
  'UREP6,"UMGR,EMEA', // 14
  'UREP6,UMGR', // 15
  '"UREP7",UMGR,"Americas"', // 16
  'USAM,,', // 17: the same person as line 5, by id
  'not-an-id,UMGR,EMEA', // 18
  'UREP8,UMGRGONE,EMEA', // 19
  '   # an indented comment', // 20
  'UREP9,"UMGR"x,EMEA', // 21
].join('\r\n');

const SLACK_USERS = [
  { id: 'UREP1', real_name: 'Rita Rep', tz: 'Asia/Kathmandu' },
  { id: 'USAM', real_name: 'Sam Rep', profile: { email: 'Sam@Acme.test' } },
  { id: 'UMGR', real_name: 'Maya Manager', profile: { email: 'maya@acme.test' } },
  { id: 'UBOSS', real_name: 'Big Boss' },
  { id: 'UREP3', real_name: 'Tom Rep' },
  { id: 'UREP4', real_name: 'Una Rep' },
  { id: 'UOUTSIDER', real_name: 'Olly Outsider' },
  { id: 'UREP5', real_name: 'Vic Rep' },
  { id: 'UREP6', real_name: 'Wes Rep' },
  { id: 'UREP7', real_name: 'Xia Rep' },
  { id: 'UREP8', real_name: 'Yan Rep' },
  { id: 'UREP9', real_name: 'Zoe Rep' },
  { id: 'UGONE', real_name: 'Gone Rep', deleted: true },
  { id: 'UMGRGONE', real_name: 'Gone Manager', deleted: true },
  { id: 'UROBOT', real_name: 'Robot', is_bot: true },
];

const ACCEPTED = [
  [4, 'UREP1', 'UMGR', 'EMEA'],
  [5, 'USAM', 'UMGR', 'EMEA'],
  [10, 'UMGR', 'UBOSS', 'Sales, Leadership'],
  [16, 'UREP7', 'UMGR', 'Americas'],
];

const REJECTED = [
  { line: 6, text: 'UNOPE,UMGR,EMEA', reason: 'unknown user (not in Slack)' },
  { line: 7, text: 'UGONE,UMGR,EMEA', reason: 'deactivated in Slack' },
  { line: 8, text: 'UROBOT,UMGR,', reason: 'bot' },
  { line: 9, text: 'UREP1,UMGR,EMEA', reason: 'duplicate of line 4' },
  { line: 11, text: 'UREP3,nobody@acme.test,EMEA', reason: 'unknown manager (not in Slack)' },
  {
    line: 12,
    text: 'UREP4,UOUTSIDER,EMEA',
    reason: 'manager not in the roster or this file (add them first, or give them a line)',
  },
  { line: 13, text: 'UREP5,UREP5,', reason: 'a person cannot be their own manager' },
  { line: 14, text: 'UREP6,"UMGR,EMEA', reason: 'malformed line: a quoted field is not closed' },
  {
    line: 15,
    text: 'UREP6,UMGR',
    reason: 'malformed line: expected 3 columns (user,manager,team), found 2',
  },
  { line: 17, text: 'USAM,,', reason: 'duplicate of line 5' },
  {
    line: 18,
    text: 'not-an-id,UMGR,EMEA',
    reason: 'malformed line: the user must be a Slack user id (U…) or an email address',
  },
  { line: 19, text: 'UREP8,UMGRGONE,EMEA', reason: 'manager is deactivated in Slack' },
  { line: 21, text: 'UREP9,"UMGR"x,EMEA', reason: 'malformed line: text after a closing quote' },
];

/** Big Boss is on the roster before the file, as a manager: line 10 names him. */
async function seedBoss(world: RosterWorld): Promise<void> {
  const boss = await upsertPerson(
    world.db,
    { workspaceId: WORKSPACE_ID, slackUserId: 'UBOSS', displayName: 'Big Boss', email: null, timezone: null },
    world.clock.now(),
  );
  await updatePerson(world.db, boss.id, { is_manager: true }, world.clock.now());
}

describe('importRoster', () => {
  const world = useRosterWorld(SLACK_USERS);

  const snapshot = async () => ({
    people: await world.db.selectFrom('people').selectAll().orderBy('id').execute(),
    teams: await world.db.selectFrom('teams').selectAll().orderBy('id').execute(),
  });
  const run = (csv: string) => importRoster(world.db, world.clock, world.directory, WORKSPACE_ID, csv);

  beforeAll(() => seedBoss(world));

  it('accepts good lines and rejects each bad one with its reason', async () => {
    const report = await run(ROSTER);
    expect(report.accepted.map((line) => [line.line, line.user, line.manager, line.team])).toEqual(ACCEPTED);
    expect(report.unchanged).toEqual([]);
    expect(report.rejected).toEqual(REJECTED);
  });

  it('makes accepted people reps with their manager (made a manager) and team (created)', async () => {
    const person = (id: string) => findPersonBySlackId(world.db, WORKSPACE_ID, id);
    const teams = await world.db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
    expect(teams.map((team) => team.name)).toEqual(['Americas', 'EMEA', 'Sales, Leadership']);
    const teamId = (name: string) => teams.find((team) => team.name === name)?.id;
    const maya = await person('UMGR');
    expect(maya).toMatchObject({
      is_rep: true,
      is_manager: true,
      manager_id: (await person('UBOSS'))?.id,
      team_id: teamId('Sales, Leadership'),
    });
    expect(await person('UREP1')).toMatchObject({
      is_rep: true,
      manager_id: maya?.id,
      team_id: teamId('EMEA'),
      display_name: 'Rita Rep',
      timezone: 'Asia/Kathmandu',
    });
    expect(await person('USAM')).toMatchObject({ is_rep: true, manager_id: maya?.id });
    for (const rejected of [
      'UNOPE',
      'UGONE',
      'UROBOT',
      'UREP3',
      'UREP4',
      'UREP5',
      'UREP6',
      'UREP8',
      'UOUTSIDER',
    ]) {
      expect(await person(rejected)).toBeUndefined();
    }
  });

  it('changes nothing when the same file runs again, and says so', async () => {
    const before = await snapshot();
    world.standIn.reset();
    world.clock.set('2026-11-24T10:00:00Z');
    const report = await run(ROSTER);
    expect(report.accepted).toEqual([]);
    expect(report.unchanged.map((line) => line.line)).toEqual([4, 5, 10, 16]);
    expect(report.rejected).toHaveLength(13);
    expect(await snapshot()).toEqual(before);
    // Each person named on several lines is looked up once.
    const asked = world.standIn.calls('users.info').map((call) => call.args.user);
    expect(asked.filter((user) => user === 'UMGR')).toHaveLength(1);
  });

  it('refuses a file without the header, writing nothing', async () => {
    const before = await snapshot();
    await expect(run('UREP3,UMGR,EMEA\n')).rejects.toThrow(RosterImportError);
    await expect(run('UREP3,UMGR,EMEA\n')).rejects.toThrow(
      'Line 1 is "UREP3,UMGR,EMEA". The first line must be the header user,manager,team',
    );
    await expect(run('# only a comment\n\n')).rejects.toThrow(/The file has no lines to import/);
    expect(await snapshot()).toEqual(before);
  });

  it('accepts a header with fewer columns', async () => {
    const report = await run('User\nUREP3\n');
    expect(report.accepted).toMatchObject([{ line: 2, user: 'UREP3' }]);
    expect(await findPersonBySlackId(world.db, WORKSPACE_ID, 'UREP3')).toMatchObject({
      is_rep: true,
      manager_id: null,
    });
  });

  it('writes nothing when Slack cannot be asked midway', async () => {
    const before = await snapshot();
    world.standIn.reset();
    world.standIn.fail(
      'users.lookupByEmail',
      { kind: 'server_error', status: 503 },
      { times: Number.POSITIVE_INFINITY },
    );
    await expect(run('user,manager,team\nUREP4,UMGR,Brand New\nsam@acme.test,,Brand New\n')).rejects.toThrow(
      DirectoryUnavailableError,
    );
    expect(world.standIn.calls('users.info').map((call) => call.args.user)).toContain('UREP4');
    expect(await snapshot()).toEqual(before);
  });
});

describe('importRoster of a large file', () => {
  const world = useRosterWorld(SLACK_USERS);
  // The file is small; a threshold of 1 makes it count as large.
  const run = (csv: string) =>
    importRoster(world.db, world.clock, world.directory, WORKSPACE_ID, csv, { listDirectoryFrom: 1 });

  beforeAll(() => seedBoss(world));

  it('lists the workspace once instead of asking Slack per person, with the same verdicts', async () => {
    world.standIn.reset();
    const report = await run(ROSTER);
    expect(report.accepted.map((line) => [line.line, line.user, line.manager, line.team])).toEqual(ACCEPTED);
    expect(report.rejected).toEqual(REJECTED);
    expect(world.standIn.calls('users.list').length).toBeGreaterThan(0);
    expect(world.standIn.calls('users.info')).toEqual([]);
    expect(world.standIn.calls('users.lookupByEmail')).toEqual([]);
  });

  it('writes nothing when the listing fails', async () => {
    const before = await world.db.selectFrom('people').selectAll().orderBy('id').execute();
    world.standIn.fail('users.list', { kind: 'server_error', status: 503 });
    await expect(run('user,manager,team\nUREP4,UMGR,Brand New\n')).rejects.toThrow(DirectoryUnavailableError);
    expect(await world.db.selectFrom('people').selectAll().orderBy('id').execute()).toEqual(before);
  });
});
