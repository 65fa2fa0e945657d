import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { nextTourStep } from '../../views/tour.js';

export async function tourStepCallback({
  ack,
  view,
}: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> {
  const step = nextTourStep(view.private_metadata);
  if (step.next === 'close') await ack();
  else await ack({ response_action: 'update', view: step.view });
}
