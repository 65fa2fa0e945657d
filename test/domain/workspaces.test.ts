import { describe, expect, it } from 'vitest';
import { findWorkspace } from '../../src/db/queries/workspaces.js';
import {
  loadInstallation,
  recordInstallation,
  registerWorkspace,
  uninstallWorkspace,
} from '../../src/domain/workspaces/service.js';
import { tokenCipher } from '../../src/domain/workspaces/token-cipher.js';
import { useTestDatabase } from '../support/database.js';

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
