import type { WebClient } from '@slack/web-api';
import type { SlackAuthorization } from '../config.js';
import type { Db } from '../db/database.js';
import { loadInstallation } from '../domain/workspaces/service.js';
import type { TokenCipher } from '../domain/workspaces/token-cipher.js';

/** A Web API client holding the bot token of one workspace. */
export interface WorkspaceClients {
  /** undefined when the bot holds no token for that workspace (never installed, or uninstalled). */
  forWorkspace(workspaceId: string): Promise<WebClient | undefined>;
}

/**
 * Bot tokens per workspace: the configured token in single-workspace mode, the OAuth installation's
 * token otherwise. A reinstall with a new token gets a new client.
 */
export function workspaceClients(options: {
  authorization: SlackAuthorization;
  db: Db;
  /** Opens the OAuth installations the tokens are kept in. */
  cipher: TokenCipher;
  /** The client for a token; called for every look-up, so it should hand back the same one each time. */
  clientFor: (token: string) => WebClient;
}): WorkspaceClients {
  const { authorization, clientFor } = options;
  if (authorization.kind === 'single-workspace') {
    return { forWorkspace: async () => clientFor(authorization.botToken) };
  }
  return {
    async forWorkspace(workspaceId) {
      const installation = await loadInstallation(options.db, options.cipher, {
        teamId: workspaceId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      const token = (installation?.bot as { token?: unknown } | undefined)?.token;
      return typeof token === 'string' ? clientFor(token) : undefined;
    },
  };
}
