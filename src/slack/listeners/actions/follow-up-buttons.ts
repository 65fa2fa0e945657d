import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import {
  answerFollowUp,
  type FollowUpAnswer,
  NotYourCommitmentError,
} from '../../../domain/deal-review/follow-ups.js';
import {
  parseCommitmentListMetadata,
  parseCommitmentReference,
  withFollowUpAnswered,
} from '../../views/follow-ups.js';
import type { ListenerDeps } from '../deps.js';
import { interactionWorkspace } from '../interaction.js';
import { publishHome } from '../publish-home.js';
import { sideBySide } from '../side-by-side.js';
import { commitmentListView } from './commitment-list.js';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

const NOT_YOURS = 'This commitment is not yours, so I cannot change it.';

/** Records the click of a commitment's owner; undefined (after telling the presser) for anyone else. */
async function answer(deps: ListenerDeps, args: ButtonArgs, choice: FollowUpAnswer) {
  const commitmentId = parseCommitmentReference(args.action.value);
  const workspaceId = interactionWorkspace(args.body);
  if (commitmentId === undefined || workspaceId === undefined) {
    deps.logger.warn({ actionId: args.action.action_id }, 'follow-up button without a commitment reference');
    return undefined;
  }
  try {
    return await answerFollowUp(deps.db, deps.clock, {
      commitmentId,
      actor: { workspaceId, slackUserId: args.body.user.id },
      answer: choice,
      defaultTimeZone: deps.dealReview.setup.defaultTimeZone,
    });
  } catch (error) {
    if (!(error instanceof NotYourCommitmentError)) throw error;
    if (args.respond)
      await args.respond({ response_type: 'ephemeral', replace_original: false, text: NOT_YOURS });
    return undefined;
  }
}

/**
 * Done / Not yet under a daily DM or a digest: the answer is stored, and the line it was given on
 * is redrawn in place; the rest of the message (a check-in's own buttons) stays as it was.
 */
export function followUpButtonCallback(deps: ListenerDeps, choice: FollowUpAnswer) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const answered = await answer(deps, args, choice);
    const { body, client } = args;
    if (answered === undefined || !body.channel?.id || !body.message?.ts) return;
    const blocks = withFollowUpAnswered(body.message.blocks, answered.day, answered.item);
    if (blocks === undefined) return;
    await client.chat.update({
      channel: body.channel.id,
      ts: body.message.ts,
      text: typeof body.message.text === 'string' ? body.message.text : '',
      blocks,
    });
  };
}

/** Done on the Home tab's list: stored, then the tab is drawn again without it. */
export function homeCommitmentDoneCallback(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    await answer(deps, args, 'done');
    await publishHome(deps, args.client, interactionWorkspace(args.body) ?? '', args.body.user.id);
  };
}

/**
 * Done in the whole list the Home's "See all" opens: stored as the Home's Done stores it, then the
 * list is drawn again on the same page (the last one if it got shorter) and so is the tab. A Done on
 * a commitment that is not the clicker's, or is done already, changes nothing: they see their list.
 * The redraw carries no hash: it is read after this Done, so it is never older than the copy clicked.
 */
export function commitmentListDoneCallback(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    await answer(deps, args, 'done');
    const list = args.body.view;
    const redrawList = async () => {
      if (list === undefined) return;
      const shown = parseCommitmentListMetadata(list.private_metadata);
      const view = await commitmentListView(deps, args.body, shown?.offset ?? 0);
      await args.client.views.update({ view_id: list.id, view });
    };
    // Each redraw on its own: a list Slack did not take must not leave the Home showing the step too.
    await sideBySide([
      redrawList(),
      publishHome(deps, args.client, interactionWorkspace(args.body) ?? '', args.body.user.id),
    ]);
  };
}
