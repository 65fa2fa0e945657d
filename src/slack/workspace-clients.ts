import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { SlackAuthorization } from '../config.js';
import type { Db } from '../db/database.js';
import { loadInstallation } from '../domain/workspaces/service.js';

/** A Web API client holding the bot token of one workspace. */
export interface WorkspaceClients {
  /** undefined when the bot holds no token for that workspace (never installed, or uninstalled). */
  forWorkspace(workspaceId: string): Promise<WebClient | undefined>;
}

/**
 * Bot tokens per workspace: the configured token in single-workspace mode, the OAuth installation's
 * token otherwise. Clients are cached per token, so a reinstall with a new token gets a new client.
 */
export function workspaceClients(options: {
  authorization: SlackAuthorization;
  db: Db;
  clientOptions: WebClientOptions;
}): WorkspaceClients {
  const byToken = new Map<string, WebClient>();
  const clientFor = (token: string) => {
    let client = byToken.get(token);
    if (client === undefined) {
      client = new WebClient(token, options.clientOptions);
      byToken.set(token, client);
    }
    return client;
  };
  const { authorization } = options;
  if (authorization.kind === 'single-workspace') {
    return { forWorkspace: async () => clientFor(authorization.botToken) };
  }
  return {
    async forWorkspace(workspaceId) {
      const installation = await loadInstallation(options.db, {
        teamId: workspaceId,
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      const token = (installation?.bot as { token?: unknown } | undefined)?.token;
      return typeof token === 'string' ? clientFor(token) : undefined;
    },
  };
}
