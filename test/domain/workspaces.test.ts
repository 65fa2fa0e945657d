import { describe, expect, it } from 'vitest';
import { findPersonBySlackId, upsertPerson } from '../../src/db/queries/people.js';
import { findWorkspace } from '../../src/db/queries/workspaces.js';
import { refreshProfiles } from '../../src/domain/roster/profiles.js';
import {
  loadInstallation,
  recordInstallation,
  recordInstaller,
  registerWorkspace,
  uninstallWorkspace,
} from '../../src/domain/workspaces/service.js';
import { tokenCipher } from '../../src/domain/workspaces/token-cipher.js';
import { useTestDatabase } from '../support/database.js';
import { useRosterWorld, WORKSPACE_ID } from '../support/roster.js';

const at = (iso: string) => ({ now: () => new Date(iso) });

describe('workspace lifecycle', () => {
  const database = useTestDatabase();

  const plaintext = tokenCipher([]);
  const scope = { enterpriseId: undefined, teamId: 'T100', isEnterpriseInstall: false };

  it('records an OAuth installation with its workspace, and finds it again', async () => {
    await recordInstallation(database.current.db, at('2026-11-20T10:00:00Z'), plaintext, scope, {
      teamName: 'Acme Sales',
      botUserId: 'U0BOT',
      data: { team: { id: 'T100', name: 'Acme Sales' }, bot: { token: 'xoxb-100', userId: 'U0BOT' } },
    });
    expect(await loadInstallation(database.current.db, plaintext, scope)).toMatchObject({
      bot: { token: 'xoxb-100' },
    });
    expect(await findWorkspace(database.current.db, 'T100')).toMatchObject({
      name: 'Acme Sales',
      uninstalled_at: null,
    });
  });

  it('replaces the installation on reinstall instead of adding a second one', async () => {
    await recordInstallation(database.current.db, at('2026-11-21T10:00:00Z'), plaintext, scope, {
      teamName: undefined,
      botUserId: 'U0BOT',
      data: { bot: { token: 'xoxb-100-new' } },
    });
    expect(await loadInstallation(database.current.db, plaintext, scope)).toEqual({
      bot: { token: 'xoxb-100-new' },
    });
    const rows = await database.current.db.selectFrom('slack_installations').select('install_key').execute();
    expect(rows).toHaveLength(1);
    // A reinstall without a team name keeps the name already known.
    expect(await findWorkspace(database.current.db, 'T100')).toMatchObject({ name: 'Acme Sales' });
  });

  it('forgets the credentials on uninstall but keeps the workspace and marks it', async () => {
    await uninstallWorkspace(database.current.db, at('2026-11-22T08:00:00Z'), scope);
    expect(await loadInstallation(database.current.db, plaintext, scope)).toBeUndefined();
    expect((await findWorkspace(database.current.db, 'T100'))?.uninstalled_at).toEqual(
      new Date('2026-11-22T08:00:00Z'),
    );
  });

  it('clears the uninstall mark when the workspace comes back', async () => {
    await registerWorkspace(database.current.db, at('2026-11-23T08:00:00Z'), {
      teamId: 'T100',
      enterpriseId: undefined,
      name: 'Acme',
    });
    expect(await findWorkspace(database.current.db, 'T100')).toMatchObject({
      name: 'Acme',
      uninstalled_at: null,
    });
  });
});

describe('the person who installed the app', () => {
  const world = useRosterWorld([
    { id: 'UINSTALLER', real_name: 'Sally Salesops', tz: 'Europe/Berlin' },
    { id: 'UREP1', real_name: 'Rita Rep' },
  ]);
  const person = (slackUserId: string) => findPersonBySlackId(world.db, WORKSPACE_ID, slackUserId);

  it('is an admin under their user id until the profile refresh, which comes to them first, names them', async () => {
    await recordInstaller(world.db, world.clock, WORKSPACE_ID, 'UINSTALLER');
    expect(await person('UINSTALLER')).toMatchObject({
      is_admin: true,
      is_rep: false,
      is_manager: false,
      display_name: 'UINSTALLER',
      profile_checked_at: null,
    });
    expect(world.standIn.calls('users.info')).toEqual([]);

    await refreshProfiles(world.db, world.clock, world.directory, { batchSize: 1 });
    expect(await person('UINSTALLER')).toMatchObject({
      is_admin: true,
      display_name: 'Sally Salesops',
      timezone: 'Europe/Berlin',
      profile_checked_at: world.clock.now(),
    });
  });

  it('keeps a known person’s name, profile and other roles', async () => {
    const rep = await upsertPerson(
      world.db,
      {
        workspaceId: WORKSPACE_ID,
        slackUserId: 'UREP1',
        displayName: 'Rita Rep',
        email: null,
        timezone: 'Asia/Tokyo',
      },
      new Date('2026-11-01T00:00:00Z'),
    );
    await world.db.updateTable('people').set({ is_rep: true }).where('id', '=', rep.id).execute();

    const madeAdminAt = world.clock.now();
    await recordInstaller(world.db, world.clock, WORKSPACE_ID, 'UREP1');
    // A reinstall by someone already an admin changes nothing, so it should not look like a change.
    world.clock.set('2026-11-23T11:00:00Z');
    await recordInstaller(world.db, world.clock, WORKSPACE_ID, 'UREP1');
    expect(await person('UREP1')).toMatchObject({
      is_admin: true,
      is_rep: true,
      display_name: 'Rita Rep',
      timezone: 'Asia/Tokyo',
      profile_checked_at: new Date('2026-11-01T00:00:00Z'),
      updated_at: madeAdminAt,
    });
  });
});
