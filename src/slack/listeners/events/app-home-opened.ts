import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { buildHomeView } from '../../views/help.js';

export async function appHomeOpenedCallback({
  event,
  client,
}: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> {
  if (event.tab !== 'home') return;
  await client.views.publish({ user_id: event.user, view: buildHomeView() });
}
