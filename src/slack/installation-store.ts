import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Db } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import {
  type InstallationScope,
  loadInstallation,
  recordInstallation,
  recordInstaller,
  uninstallWorkspace,
} from '../domain/workspaces/service.js';
import type { TokenCipher } from '../domain/workspaces/token-cipher.js';
import type { Logger } from '../logger.js';

function scopeOf(query: InstallationQuery<boolean>): InstallationScope {
  return {
    enterpriseId: query.enterpriseId,
    teamId: query.teamId,
    isEnterpriseInstall: query.isEnterpriseInstall,
  };
}

/** OAuth installations kept in Postgres, so every replica can authorize every workspace. */
export function postgresInstallationStore(
  db: Db,
  clock: Clock,
  cipher: TokenCipher,
  logger: Logger,
): InstallationStore {
  return {
    async storeInstallation(installation) {
      const isEnterpriseInstall = installation.isEnterpriseInstall === true;
      await recordInstallation(
        db,
        clock,
        cipher,
        {
          enterpriseId: installation.enterprise?.id,
          teamId: isEnterpriseInstall ? undefined : installation.team?.id,
          isEnterpriseInstall,
        },
        {
          teamName: installation.team?.name,
          botUserId: installation.bot?.userId,
          data: installation as unknown as Record<string, unknown>,
        },
      );
      // Bolt calls this for OAuth installs and reinstalls only: it would also call it after
      // refreshing rotated tokens, but the manifest keeps token_rotation_enabled false. Were that
      // turned on, every refresh would make the original installer an admin again.
      await makeInstallerAdmin(db, clock, logger, installation, isEnterpriseInstall);
    },
    async fetchInstallation(query) {
      const found = await loadInstallation(db, cipher, scopeOf(query));
      if (found === undefined) {
        throw new Error(
          `no installation for team ${query.teamId ?? '-'} / enterprise ${query.enterpriseId ?? '-'}`,
        );
      }
      return found as unknown as Installation;
    },
    async deleteInstallation(query) {
      await uninstallWorkspace(db, clock, scopeOf(query));
    },
  };
}

async function makeInstallerAdmin(
  db: Db,
  clock: Clock,
  logger: Logger,
  installation: Installation<'v1' | 'v2', boolean>,
  isEnterpriseInstall: boolean,
): Promise<void> {
  const installerId = installation.user?.id;
  if (installerId === undefined || installerId === '') return;
  const workspaceId = installation.team?.id;
  if (isEnterpriseInstall || workspaceId === undefined) {
    // An org-wide install names no workspace, and the bot keeps people per workspace: the installer
    // is an org admin or owner, who can have a workspace admin run `/coach admin @them` there.
    logger.info(
      { enterpriseId: installation.enterprise?.id, installerId },
      'org-wide install: the installer was not made an admin of the bot in any workspace',
    );
    return;
  }
  try {
    await recordInstaller(db, clock, workspaceId, installerId);
    logger.info({ workspaceId, installerId }, 'the installer is an admin of the bot');
  } catch (error) {
    // The tokens are stored and the workspace works; Slack workspace admins are admins of the bot and
    // can grant the installer with `/coach admin`. Failing here would make Slack show an error page
    // for an install that succeeded.
    logger.warn(
      { err: error, workspaceId, installerId },
      'the installer could not be made an admin of the bot; a Slack workspace admin can run /coach admin',
    );
  }
}
