import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildTourView } from '../../views/tour.js';

/** The tour button (help message and App Home) opens the first tour page in a modal. */
export async function openTourCallback({
  ack,
  body,
  client,
}: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> {
  await ack();
  await client.views.open({ trigger_id: body.trigger_id, view: buildTourView(0) });
}
