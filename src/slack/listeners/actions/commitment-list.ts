import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { openCommitmentsPageOf } from '../../../domain/deal-review/follow-ups.js';
import {
  buildCommitmentListModal,
  COMMITMENT_LIST_ROWS,
  parseCommitmentListMetadata,
} from '../../views/follow-ups.js';
import type { ListenerDeps } from '../deps.js';
import { type InteractionBody, interactionWorkspace } from '../interaction.js';
import { turnPage } from './turn-page.js';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * The list of the clicker's own open commitments, on the page that starts at `offset` (the last page
 * when the list got shorter). Nothing the click carries says whose: only the clicker's are shown.
 */
export async function commitmentListView(
  deps: ListenerDeps,
  body: InteractionBody,
  offset = 0,
): Promise<ModalView> {
  const page = await openCommitmentsPageOf(
    deps.db,
    deps.clock,
    { workspaceId: interactionWorkspace(body) ?? '', slackUserId: body.user.id },
    deps.defaultTimeZone,
    { limit: COMMITMENT_LIST_ROWS, offset },
  );
  return buildCommitmentListModal(page);
}

/**
 * "See all N" next to the Home's commitments: the whole list, opened within the trigger's three
 * seconds (the roster is read, Slack is not asked who clicked).
 */
export function openCommitmentListCallback(deps: ListenerDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const view = await commitmentListView(deps, body);
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

/** "‹ Previous" or "Next 40 ›" in the list of the clicker's own commitments. */
export function turnCommitmentListPageCallback(deps: ListenerDeps, step: -1 | 1) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    await turnPage(client, body.view, {
      step,
      rowsPerPage: COMMITMENT_LIST_ROWS,
      parse: parseCommitmentListMetadata,
      draw: (_shown, offset) => commitmentListView(deps, body, offset),
    });
  };
}
