import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { keepReviewDraft, resumeReview } from '../../../domain/deal-review/service.js';
import {
  buildNoticeView,
  buildReviewView,
  neighbourStep,
  parseReviewPage,
  parseReviewReference,
  stepKey,
  stepOf,
  viewStateValues,
} from '../../views/deal-review.js';
import { reviewRefusal } from '../deal-review-refusals.js';
import type { ListenerDeps } from '../deps.js';
import { interactionWorkspace } from '../interaction.js';
import { reviewPage } from '../views/deal-review.js';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** Back: the page is kept as typed (no checks: going back must never be blocked) and the one before it shown. */
export function reviewBackCallback(deps: ListenerDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const view = body.view;
    const ref = parseReviewReference(view?.private_metadata);
    const values = viewStateValues.safeParse(view?.state.values ?? {});
    const workspaceId = interactionWorkspace(body);
    if (view === undefined || ref === undefined || !values.success || workspaceId === undefined) return;
    const draft = { workspaceId, slackUserId: body.user.id, draftId: ref.draftId };
    try {
      const session = await resumeReview(deps.db, deps.clock, deps.dealReview.setup, draft);
      const step = stepOf(session.agenda, ref.step);
      const previous = neighbourStep(session.agenda, step, -1);
      const page = parseReviewPage(session.agenda, step, values.data);
      const kept = await keepReviewDraft(deps.db, deps.clock, session, {
        page,
        step: stepKey(previous),
      });
      // No hash: a second click on Back only redraws the same earlier page from the same draft.
      await client.views.update({ view_id: view.id, view: buildReviewView(reviewPage(kept), previous) });
    } catch (error) {
      const refusal = reviewRefusal(error);
      if (refusal === undefined) throw error;
      await client.views.update({ view_id: view.id, view: buildNoticeView(refusal) });
    }
  };
}
