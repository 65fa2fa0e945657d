import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { buildNotYetAvailableMessage } from '../../views/help.js';

/**
 * `/dealreview` is declared in the manifest now so installs need no re-approval later; until its
 * feature lands it answers plainly instead of letting Slack show "dispatch_failed".
 */
export async function notYetAvailableCommandCallback({
  command,
  ack,
}: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> {
  await ack({ response_type: 'ephemeral', ...buildNotYetAvailableMessage(command.command) });
}
