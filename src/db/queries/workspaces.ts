import type { Db } from '../database.js';
import type { Workspace } from '../schema.js';

export async function upsertWorkspace(
  db: Db,
  workspace: { id: string; enterpriseId: string | null; name: string | undefined },
  now: Date,
): Promise<void> {
  await db
    .insertInto('workspaces')
    .values({
      id: workspace.id,
      enterprise_id: workspace.enterpriseId,
      name: workspace.name ?? '',
      installed_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        enterprise_id: eb.ref('excluded.enterprise_id'),
        // Keep a known name when a later install or auth.test does not carry one.
        name: workspace.name === undefined ? eb.ref('workspaces.name') : eb.ref('excluded.name'),
        uninstalled_at: null,
        updated_at: now,
      })),
    )
    .execute();
}

export async function markWorkspaceUninstalled(db: Db, workspaceId: string, now: Date): Promise<void> {
  await db
    .updateTable('workspaces')
    .set({ uninstalled_at: now, updated_at: now })
    .where('id', '=', workspaceId)
    .execute();
}

export async function findWorkspace(db: Db, workspaceId: string): Promise<Workspace | undefined> {
  return db.selectFrom('workspaces').selectAll().where('id', '=', workspaceId).executeTakeFirst();
}

/** Workspaces that still have the bot, oldest install first. */
export async function listInstalledWorkspaces(db: Db): Promise<Workspace[]> {
  return db
    .selectFrom('workspaces')
    .selectAll()
    .where('uninstalled_at', 'is', null)
    .orderBy('installed_at')
    .execute();
}
