import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Db } from '../db/database.js';
import type { Clock } from '../domain/clock.js';
import {
  type InstallationScope,
  loadInstallation,
  recordInstallation,
  uninstallWorkspace,
} from '../domain/workspaces/service.js';
import type { TokenCipher } from '../domain/workspaces/token-cipher.js';

function scopeOf(query: InstallationQuery<boolean>): InstallationScope {
  return {
    enterpriseId: query.enterpriseId,
    teamId: query.teamId,
    isEnterpriseInstall: query.isEnterpriseInstall,
  };
}

/** OAuth installations kept in Postgres, so every replica can authorize every workspace. */
export function postgresInstallationStore(db: Db, clock: Clock, cipher: TokenCipher): InstallationStore {
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
