import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { uninstallWorkspace } from '../../../domain/workspaces/service.js';
import { retryEventWork } from '../../middleware/deduplicate-events.js';
import type { ListenerDeps } from '../deps.js';

function scopeOf(body: { team_id?: string; enterprise_id?: string; is_enterprise_install?: boolean }) {
  const isEnterpriseInstall = body.is_enterprise_install === true;
  return {
    enterpriseId: body.enterprise_id,
    teamId: isEnterpriseInstall ? undefined : body.team_id,
    isEnterpriseInstall,
  };
}

/**
 * app_uninstalled: forget the workspace's credentials at once. Slack sends it once and does not resend
 * it after a failure, so the work is retried (it is idempotent): a failure would leave the credentials
 * stored and the workspace counted as installed.
 */
export function appUninstalledCallback({ db, clock, logger }: ListenerDeps) {
  return async ({
    body,
    context,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_uninstalled'>): Promise<void> => {
    await retryEventWork(context, () => uninstallWorkspace(db, clock, scopeOf(body)));
    logger.info({ workspaceId: body.team_id }, 'app uninstalled from workspace');
  };
}

/** tokens_revoked: only the bot token matters to this app; a revoked bot token is an uninstall. */
export function tokensRevokedCallback({ db, clock, logger }: ListenerDeps) {
  return async ({
    event,
    body,
    context,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'tokens_revoked'>): Promise<void> => {
    if ((event.tokens.bot ?? []).length === 0) return;
    await retryEventWork(context, () => uninstallWorkspace(db, clock, scopeOf(body)));
    logger.info({ workspaceId: body.team_id }, 'bot token revoked; workspace credentials removed');
  };
}
