import type { Db } from '../../db/database.js';
import {
  deleteInstallation,
  findInstallation,
  type InstallationScope,
  saveInstallation,
} from '../../db/queries/installations.js';
import { markWorkspaceUninstalled, upsertWorkspace } from '../../db/queries/workspaces.js';
import type { Clock } from '../clock.js';

export type { InstallationScope } from '../../db/queries/installations.js';

export interface WorkspaceIdentity {
  teamId: string;
  enterpriseId: string | undefined;
  name: string | undefined;
}

/** A workspace the bot talks to with a configured token (single-workspace mode) or an OAuth install. */
export async function registerWorkspace(db: Db, clock: Clock, workspace: WorkspaceIdentity): Promise<void> {
  await upsertWorkspace(
    db,
    { id: workspace.teamId, enterpriseId: workspace.enterpriseId ?? null, name: workspace.name },
    clock.now(),
  );
}

export async function recordInstallation(
  db: Db,
  clock: Clock,
  scope: InstallationScope,
  installation: {
    teamName: string | undefined;
    botUserId: string | undefined;
    data: Record<string, unknown>;
  },
): Promise<void> {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await saveInstallation(trx, scope, installation, now);
    if (scope.teamId !== undefined) {
      await upsertWorkspace(
        trx,
        { id: scope.teamId, enterpriseId: scope.enterpriseId ?? null, name: installation.teamName },
        now,
      );
    }
  });
}

export function loadInstallation(
  db: Db,
  scope: InstallationScope,
): Promise<Record<string, unknown> | undefined> {
  return findInstallation(db, scope);
}

/**
 * The app was removed from a workspace (or its bot token revoked): forget the credentials at once so
 * nothing keeps trying to post, but keep the workspace's people and history in case it comes back.
 */
export async function uninstallWorkspace(db: Db, clock: Clock, scope: InstallationScope): Promise<void> {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await deleteInstallation(trx, scope);
    if (scope.teamId !== undefined) await markWorkspaceUninstalled(trx, scope.teamId, now);
  });
}
