import { beforeAll, describe, expect, it } from 'vitest';
import { findPersonBySlackId, upsertPerson } from '../../src/db/queries/people.js';
import { markWorkspaceUninstalled, upsertWorkspace } from '../../src/db/queries/workspaces.js';
import {
  DEACTIVATED_IN_SLACK,
  NOT_FOUND_IN_SLACK,
  refreshProfiles,
} from '../../src/domain/roster/profiles.js';
import { useRosterWorld, WORKSPACE_ID } from '../support/roster.js';

const HOUR = 60 * 60 * 1000;

describe('the daily profile refresh', () => {
  const world = useRosterWorld([
    { id: 'UREP1', real_name: 'Rita Rep', tz: 'Asia/Kathmandu', profile: { email: 'rita@acme.test' } },
    { id: 'UREP2', real_name: 'Sam Rep', tz: 'America/New_York' },
    { id: 'UREP3', real_name: 'Tom Rep' },
    { id: 'UMGR', real_name: 'Maya Manager' },
    { id: 'UEXREP', real_name: 'Former Rep' },
  ]);

  const person = (slackUserId: string, workspaceId = WORKSPACE_ID) =>
    findPersonBySlackId(world.db, workspaceId, slackUserId);
  const refresh = (batchSize = 10) => refreshProfiles(world.db, world.clock, world.directory, { batchSize });
  const checkedUsers = () => world.standIn.calls('users.info').map((call) => call.args.user);

  beforeAll(async () => {
    // What the roster knew when the people were added, long before the refresh.
    const then = new Date('2026-11-01T00:00:00Z');
    const add = async (
      slackUserId: string,
      roles: { is_rep?: boolean; is_manager?: boolean },
      workspaceId = WORKSPACE_ID,
    ) => {
      const row = await upsertPerson(
        world.db,
        { workspaceId, slackUserId, displayName: 'old name', email: null, timezone: 'Europe/London' },
        then,
      );
      await world.db
        .updateTable('people')
        .set({ ...roles, profile_checked_at: null })
        .where('id', '=', row.id)
        .execute();
    };
    await add('UREP1', { is_rep: true });
    await add('UREP2', { is_rep: true });
    await add('UREP3', { is_rep: true });
    await add('UMGR', { is_manager: true });
    // Holds no role any more: no reason to spend Slack's rate on them.
    await add('UEXREP', {});
    await upsertWorkspace(world.db, { id: 'TGONE', enterpriseId: null, name: 'Gone' }, then);
    await add('UREP1', { is_rep: true }, 'TGONE');
    await markWorkspaceUninstalled(world.db, 'TGONE', then);
  });

  it('checks at most a batch, never-checked first, and stores what Slack says', async () => {
    world.standIn.addUser({ id: 'UREP3', real_name: 'Tom Rep', tz: null });
    world.standIn.reset();
    const first = await refresh(3);
    expect(first).toEqual({ checked: 3, deactivated: 0, unavailable: 0 });
    expect(checkedUsers()).toHaveLength(3);

    const second = await refresh(3);
    expect(second.checked).toBe(1);
    // Roles only, installed workspaces only, each person once.
    expect(checkedUsers().sort()).toEqual(['UMGR', 'UREP1', 'UREP2', 'UREP3']);

    expect(await person('UREP1')).toMatchObject({
      display_name: 'Rita Rep',
      email: 'rita@acme.test',
      timezone: 'Asia/Kathmandu',
      profile_checked_at: world.clock.now(),
      // A new profile is a change the prompt tick must see (a new zone moves the prompt).
      updated_at: world.clock.now(),
    });
    // No zone in Slack keeps none, so the team's zone applies.
    expect((await person('UREP3'))?.timezone).toBeNull();
    expect((await person('UEXREP'))?.display_name).toBe('old name');
    expect((await person('UREP1', 'TGONE'))?.display_name).toBe('old name');
  });

  it('leaves people alone for 20 hours after a check', async () => {
    world.standIn.reset();
    world.clock.set('2026-11-24T05:59:00Z');
    expect((await refresh()).checked).toBe(0);
    world.clock.set('2026-11-24T06:01:00Z');
    const before = await person('UREP1');
    expect((await refresh()).checked).toBe(4);
    // Slack said the same again: checked now, but nothing on the row changed.
    expect(await person('UREP1')).toMatchObject({
      profile_checked_at: world.clock.now(),
      updated_at: before?.updated_at,
    });
  });

  it('marks a person deactivated in Slack (their manager sees why), and unmarks them when back', async () => {
    world.standIn.addUser({ id: 'UREP2', real_name: 'Sam Rep', tz: 'America/New_York', deleted: true });
    world.clock.set('2026-11-25T06:00:00Z');
    const report = await refresh();
    expect(report.deactivated).toBe(1);
    expect(await person('UREP2')).toMatchObject({
      slack_deactivated_at: new Date('2026-11-25T06:00:00Z'),
      inactive_reason: DEACTIVATED_IN_SLACK,
    });

    world.clock.set('2026-11-26T06:00:00Z');
    await refresh();
    // Still deactivated: the first date stays.
    expect((await person('UREP2'))?.slack_deactivated_at).toEqual(new Date('2026-11-25T06:00:00Z'));

    world.standIn.addUser({ id: 'UREP2', real_name: 'Sam Rep', tz: 'America/New_York' });
    world.clock.set('2026-11-27T06:00:00Z');
    expect((await refresh()).deactivated).toBe(0);
    expect(await person('UREP2')).toMatchObject({ slack_deactivated_at: null, inactive_reason: null });
  });

  it('marks a user Slack no longer knows, and keeps a reason the delivery worker set', async () => {
    await world.db
      .updateTable('people')
      .set({ inactive_reason: 'account_inactive' })
      .where('slack_user_id', '=', 'UREP1')
      .execute();
    world.standIn.reset();
    world.standIn.respond('users.info', (args) => {
      if (args.user === 'UREP3') return { ok: false, error: 'user_not_found' };
      return {
        user: { id: args.user, name: String(args.user).toLowerCase(), tz: 'Asia/Kathmandu', profile: {} },
      };
    });
    world.clock.set('2026-11-28T06:00:00Z');
    await refresh();
    expect(await person('UREP3')).toMatchObject({ inactive_reason: NOT_FOUND_IN_SLACK });
    expect((await person('UREP3'))?.slack_deactivated_at).not.toBeNull();
    expect((await person('UREP1'))?.inactive_reason).toBe('account_inactive');
  });

  it('tries again an hour later, not at once, when Slack cannot be asked', async () => {
    world.standIn.reset();
    world.standIn.fail(
      'users.info',
      { kind: 'server_error', status: 503 },
      { times: Number.POSITIVE_INFINITY },
    );
    world.clock.set('2026-11-29T06:00:00Z');
    expect(await refresh()).toEqual({ checked: 0, deactivated: 0, unavailable: 4 });
    world.standIn.reset();
    world.clock.set('2026-11-29T06:30:00Z');
    expect((await refresh()).checked).toBe(0);
    world.clock.set(new Date(Date.parse('2026-11-29T06:00:00Z') + HOUR + 60_000).toISOString());
    expect((await refresh()).checked).toBe(4);
  });

  it('makes a new Slack workspace admin an admin of the bot at the next look', async () => {
    world.standIn.addUser({ id: 'UREP2', real_name: 'Sam Rep', tz: 'America/New_York', is_admin: true });
    world.clock.set('2026-11-30T06:00:00Z');
    await refresh();
    expect(await person('UREP2')).toMatchObject({ is_admin: true, updated_at: world.clock.now() });
    world.standIn.reset();
    expect((await world.actor('UREP2')).isAdmin).toBe(true);
    expect(checkedUsers()).toEqual([]);
  });

  it('until that look, takes the row’s word without asking Slack', async () => {
    world.standIn.addUser({ id: 'UREP3', real_name: 'Tom Rep', tz: null, is_admin: true });
    world.standIn.reset();
    world.clock.set('2026-11-30T07:00:00Z');
    expect((await world.actor('UREP3')).isAdmin).toBe(false);
    expect(checkedUsers()).toEqual([]);
  });

  it('takes admin rights from nobody: not from an admin made in the bot, nor from a former Slack admin', async () => {
    await world.db
      .updateTable('people')
      .set({ is_admin: true })
      .where('slack_user_id', '=', 'UMGR')
      .execute();
    world.standIn.addUser({ id: 'UREP2', real_name: 'Sam Rep', tz: 'America/New_York' });
    world.clock.set('2026-12-01T06:00:00Z');
    expect((await refresh()).checked).toBe(4);
    expect((await person('UMGR'))?.is_admin).toBe(true);
    expect((await person('UREP2'))?.is_admin).toBe(true);
  });
});
