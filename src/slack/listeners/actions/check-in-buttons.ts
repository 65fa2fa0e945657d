import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import {
  answerNothingSold,
  type CheckInActor,
  CheckInClosedError,
  type CheckInState,
  checkInAsItEnded,
  openCheckIn,
} from '../../../domain/coaching/check-ins.js';
import {
  buildAskTriedMessage,
  buildClosedCheckInMessage,
  buildObstacleModal,
  buildPromptMessage,
  buildSaleModal,
  buildTriedModal,
  CHECK_IN_ACTIONS,
  parseCheckInReference,
} from '../../views/check-in.js';
import { checkInRefusal } from '../check-in-refusals.js';
import type { ListenerDeps } from '../deps.js';
import { interactionWorkspace } from '../interaction.js';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;
type CheckInAction = (typeof CHECK_IN_ACTIONS)[keyof typeof CHECK_IN_ACTIONS];

function actorOf(body: BlockButtonAction): CheckInActor | undefined {
  const workspaceId = interactionWorkspace(body);
  return workspaceId ? { workspaceId, slackUserId: body.user.id } : undefined;
}

/**
 * The Yes / No / Change buttons of a check-in DM (and of its reminder). Each acks at once; a modal
 * opens with the trigger id, which Slack honours for 3 seconds, so the database read before it is short.
 */
export function checkInButtonCallback(deps: ListenerDeps, which: CheckInAction) {
  return async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const checkInId = parseCheckInReference(action.value);
    const actor = actorOf(body);
    if (checkInId === undefined || actor === undefined) {
      deps.logger.warn({ actionId: action.action_id }, 'check-in button without a check-in reference');
      return;
    }
    const clicked =
      body.channel?.id && body.message?.ts ? { channel: body.channel.id, ts: body.message.ts } : undefined;
    let state: CheckInState;
    try {
      state =
        which === CHECK_IN_ACTIONS.notSold
          ? await answerNothingSold(deps.db, deps.clock, checkInId, actor)
          : await openCheckIn(deps.db, checkInId, actor);
    } catch (error) {
      const refusal = checkInRefusal(error);
      if (refusal === undefined) throw error;
      await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
      if (error instanceof CheckInClosedError && clicked) {
        // The clicked DM still offers buttons that can no longer do anything: draw it as it ended,
        // so the next glance at it does not invite another dead click.
        const ended = await checkInAsItEnded(deps.db, checkInId, actor);
        await client.chat.update({ ...clicked, ...buildClosedCheckInMessage(ended.content, ended.answer) });
      }
      return;
    }

    const previous = state.answer;
    switch (which) {
      case CHECK_IN_ACTIONS.sold: {
        // A team ranked by revenue counts only sales in its currency: offer that one first, and say so.
        const teamCurrency = state.reportingCurrency ?? deps.defaultCurrency;
        await client.views.open({
          trigger_id: body.trigger_id,
          view: buildSaleModal(checkInId, {
            defaultCurrency: teamCurrency,
            ...(state.standingsByRevenue ? { countedCurrency: teamCurrency } : {}),
            ...(previous?.outcome === 'sold' ? { previous } : {}),
          }),
        });
        return;
      }
      case CHECK_IN_ACTIONS.tried:
        await client.views.open({
          trigger_id: body.trigger_id,
          view: buildTriedModal(checkInId, previous?.outcome === 'tried' ? previous : undefined),
        });
        return;
      case CHECK_IN_ACTIONS.didNotTry:
        await client.views.open({
          trigger_id: body.trigger_id,
          view: buildObstacleModal(checkInId, previous?.outcome === 'did_not_try' ? previous : undefined),
        });
        return;
      case CHECK_IN_ACTIONS.notSold:
        if (clicked) await client.chat.update({ ...clicked, ...buildAskTriedMessage(state.content) });
        return;
      case CHECK_IN_ACTIONS.change:
        if (clicked) await client.chat.update({ ...clicked, ...buildPromptMessage(state.content) });
        return;
    }
  };
}
