import type { Db } from '../../db/database.js';
import {
  deleteInstallation,
  findInstallation,
  type InstallationScope,
  installKey,
  listStoredInstallations,
  replaceStoredInstallation,
  saveInstallation,
} from '../../db/queries/installations.js';
import { upsertAdmin } from '../../db/queries/people.js';
import { markWorkspaceUninstalled, upsertWorkspace } from '../../db/queries/workspaces.js';
import type { Person } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import type { TokenCipher } from './token-cipher.js';

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
  cipher: TokenCipher,
  scope: InstallationScope,
  installation: {
    teamName: string | undefined;
    botUserId: string | undefined;
    data: Record<string, unknown>;
  },
): Promise<void> {
  const now = clock.now();
  await db.transaction().execute(async (trx) => {
    await saveInstallation(
      trx,
      scope,
      { botUserId: installation.botUserId, data: cipher.seal(installation.data, installKey(scope)) },
      now,
    );
    if (scope.teamId !== undefined) {
      await upsertWorkspace(
        trx,
        { id: scope.teamId, enterpriseId: scope.enterpriseId ?? null, name: installation.teamName },
        now,
      );
    }
  });
}

/**
 * The person who installed the app through OAuth becomes an admin of the bot in that workspace: they
 * are the one setting it up, and need not be a Slack workspace admin (who would be an admin anyway).
 * Called after recordInstallation, which creates the workspace row. Slack is not asked who they are
 * here, so a new person's name waits for the profile refresh (see upsertAdmin).
 */
export async function recordInstaller(
  db: Db,
  clock: Clock,
  workspaceId: string,
  slackUserId: string,
): Promise<Person> {
  return upsertAdmin(db, workspaceId, slackUserId, clock.now());
}

/** The installation as Slack returned it; throws TokenKeyError when the bot lacks the key that sealed it. */
export async function loadInstallation(
  db: Db,
  cipher: TokenCipher,
  scope: InstallationScope,
): Promise<Record<string, unknown> | undefined> {
  const stored = await findInstallation(db, scope);
  return stored === undefined ? undefined : cipher.open(stored, installKey(scope));
}

/**
 * Brings every stored installation under the cipher's current key: seals the plaintext ones once a
 * key is set, and re-seals those under the previous key during a rotation. Run at start; it throws
 * TokenKeyError, before anything tries to talk to Slack, when an installation cannot be opened.
 */
export async function resealInstallations(
  db: Db,
  cipher: TokenCipher,
): Promise<{ resealed: number; plaintext: number }> {
  // Every replica runs this at every start, nearly always with nothing to change: a plain read checks
  // that each installation opens, and only a start that must write takes the rows' locks.
  const stored = await listStoredInstallations(db, { lock: false });
  for (const row of stored) cipher.open(row.installation, row.install_key);
  const plaintext = cipher.sealing ? 0 : stored.length;
  if (!stored.some((row) => cipher.needsReseal(row.installation))) return { resealed: 0, plaintext };
  return db.transaction().execute(async (trx) => {
    let resealed = 0;
    // Read again under the lock: another replica may have re-sealed them, or an install replaced one.
    for (const row of await listStoredInstallations(trx, { lock: true })) {
      if (!cipher.needsReseal(row.installation)) continue;
      const installation = cipher.open(row.installation, row.install_key);
      await replaceStoredInstallation(trx, row.install_key, cipher.seal(installation, row.install_key));
      resealed += 1;
    }
    return { resealed, plaintext };
  });
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
