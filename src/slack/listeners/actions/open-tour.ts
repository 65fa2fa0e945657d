import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { tourViewJson } from '../../views/tour.js';

/** The tour button (help message and App Home) opens the first tour page in a modal. */
export async function openTourCallback({
  ack,
  body,
  client,
}: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
  await ack();
  // views.open with the page as ready-made JSON text; the typed client.views.open wants an object.
  await client.apiCall('views.open', { trigger_id: body.trigger_id, view: tourViewJson(0) });
}
