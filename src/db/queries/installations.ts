import type { Db } from '../database.js';

export interface InstallationScope {
  enterpriseId: string | undefined;
  teamId: string | undefined;
  isEnterpriseInstall: boolean;
}

/** One key per installation: an org-wide install covers every team of its enterprise. */
export function installKey(scope: InstallationScope): string {
  return scope.isEnterpriseInstall ? `E:${scope.enterpriseId ?? ''}` : `T:${scope.teamId ?? ''}`;
}

export async function saveInstallation(
  db: Db,
  scope: InstallationScope,
  installation: { botUserId: string | undefined; data: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await db
    .insertInto('slack_installations')
    .values({
      install_key: installKey(scope),
      enterprise_id: scope.enterpriseId ?? null,
      team_id: scope.teamId ?? null,
      is_enterprise_install: scope.isEnterpriseInstall,
      bot_user_id: installation.botUserId ?? null,
      installation: JSON.stringify(installation.data),
      installed_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.column('install_key').doUpdateSet((eb) => ({
        bot_user_id: eb.ref('excluded.bot_user_id'),
        installation: eb.ref('excluded.installation'),
        updated_at: now,
      })),
    )
    .execute();
}

export async function findInstallation(
  db: Db,
  scope: InstallationScope,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .selectFrom('slack_installations')
    .select('installation')
    .where('install_key', '=', installKey(scope))
    .executeTakeFirst();
  return row?.installation;
}

/**
 * Every stored installation; with `lock`, locked until the transaction ends so an install cannot be
 * overwritten meanwhile.
 */
export function listStoredInstallations(
  db: Db,
  { lock }: { lock: boolean },
): Promise<Array<{ install_key: string; installation: Record<string, unknown> }>> {
  const query = db
    .selectFrom('slack_installations')
    .select(['install_key', 'installation'])
    .orderBy('install_key');
  return (lock ? query.forUpdate() : query).execute();
}

export async function replaceStoredInstallation(
  db: Db,
  key: string,
  installation: Record<string, unknown>,
): Promise<void> {
  await db
    .updateTable('slack_installations')
    .set({ installation: JSON.stringify(installation) })
    .where('install_key', '=', key)
    .execute();
}

export async function deleteInstallation(db: Db, scope: InstallationScope): Promise<void> {
  await db.deleteFrom('slack_installations').where('install_key', '=', installKey(scope)).execute();
}
