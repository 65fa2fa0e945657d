import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../deps.js';
import { publishHome } from '../publish-home.js';

/** The Home tab opened: draw it for this viewer (their settings, reps, teams). */
export function appHomeOpenedCallback(deps: ListenerDeps) {
  return async ({
    event,
    body,
    client,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, body.team_id, event.user);
  };
}
