import type {
  AllMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewClosedAction,
  ViewSubmitAction,
} from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { ReviewRequest } from '../../../domain/deal-review/permissions.js';
import { resolveReviewRequest } from '../../../domain/deal-review/permissions.js';
import {
  advanceReview,
  keepReviewDraft,
  openReview,
  type ReviewSession,
  resumeReview,
  submitReview,
} from '../../../domain/deal-review/service.js';
import { deliverReviewSummary } from '../../../domain/deal-review/summary.js';
import { AlreadyToldError } from '../../middleware/report-listener-failures.js';
import {
  buildLoadingView,
  buildNoticeView,
  buildReviewView,
  DEAL_REVIEW_PICKER_FIELD,
  FIRST_STEP,
  neighbourStep,
  parsePickedRep,
  parseReviewPage,
  parseReviewReference,
  type ReviewPageInput,
  reviewErrors,
  stepKey,
  stepOf,
  viewStateValues,
} from '../../views/deal-review.js';
import { reviewRefusal } from '../deal-review-refusals.js';
import type { ListenerDeps } from '../deps.js';
import { interactionActor, interactionWorkspace } from '../interaction.js';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;
type ClosedArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewClosedAction>;

export function reviewPage(session: ReviewSession): ReviewPageInput {
  return {
    draftId: session.draftId,
    version: session.version,
    reviewerName: session.reviewer.display_name,
    reviewerGetsDigest: session.reviewerGetsDigest,
    agenda: session.agenda,
    answers: session.answers,
  };
}

const NOT_LOADED =
  'Something went wrong on my side and the review could not be loaded. Try `/dealreview` again in a minute.';

/**
 * A modal left on "getting ready" would wait for ever: it says the review could not be loaded. The
 * failure is always thrown on to be logged, as told (the manager has their answer) or, when the
 * notice did not reach Slack either, as it is, so the error handler tells them another way; the
 * notice's own failure is only a warning beside it.
 */
async function notLoaded(
  deps: ListenerDeps,
  client: WebClient,
  viewId: string,
  error: unknown,
): Promise<never> {
  try {
    await client.views.update({ view_id: viewId, view: buildNoticeView(NOT_LOADED) });
  } catch (noticeError) {
    deps.logger.warn({ err: noticeError, viewId }, 'could not tell the manager their review did not load');
    throw error;
  }
  throw new AlreadyToldError(error);
}

/**
 * Fills a modal already on screen (the light first view) with the review at its draft's step. The
 * agenda is computed here, after the trigger id was used, so Slack's 3 seconds never run out.
 */
export async function showReview(
  deps: ListenerDeps,
  client: WebClient,
  target: { viewId: string; hash?: string },
  request: Extract<ReviewRequest, { kind: 'review' }>,
): Promise<void> {
  try {
    const session = await openReview(deps.db, deps.clock, deps.dealReview.setup, {
      ...request,
      firstStep: FIRST_STEP,
    });
    await client.views.update({
      view_id: target.viewId,
      ...(target.hash === undefined ? {} : { hash: target.hash }),
      view: buildReviewView(reviewPage(session), stepOf(session.agenda, session.step)),
    });
  } catch (error) {
    await notLoaded(deps, client, target.viewId, error);
  }
}

/** Reads the modal's pointer and fields; undefined for a payload this bot did not build. */
function readModal(
  body: { team?: { id: string } | null; user: { id: string; team_id?: string } },
  view: ViewSubmitAction['view'],
) {
  const ref = parseReviewReference(view.private_metadata);
  const values = viewStateValues.safeParse(view.state.values);
  const workspaceId = interactionWorkspace(body);
  if (ref === undefined || !values.success || workspaceId === undefined) return undefined;
  return {
    ref,
    values: values.data,
    draft: { workspaceId, slackUserId: body.user.id, draftId: ref.draftId },
  };
}

/**
 * Next on a page, or Save on the last one. A page with a problem comes back with inline errors and
 * nothing saved; a good page is kept in the draft and the next page replaces it in the same view.
 */
export function reviewSubmissionCallback(deps: ListenerDeps) {
  const { setup, summaries } = deps.dealReview;
  return async ({ ack, body, view }: SubmitArgs): Promise<void> => {
    const modal = readModal(body, view);
    if (modal === undefined) {
      await ack({
        response_action: 'update',
        view: buildNoticeView('This review form is out of date. Run `/dealreview` again.'),
      });
      return;
    }
    try {
      const session = await resumeReview(deps.db, deps.clock, setup, modal.draft);
      const step = stepOf(session.agenda, modal.ref.step);
      const page = parseReviewPage(session.agenda, step, modal.values);
      const shown = buildReviewView(reviewPage(session), step);
      if (step.part === 'next') {
        const outcome = await submitReview(
          deps.db,
          deps.clock,
          setup,
          { ...modal.draft, version: modal.ref.version },
          page,
        );
        if (outcome.kind === 'invalid') {
          await ack({
            response_action: 'errors',
            errors: reviewErrors(shown, session.agenda, outcome.errors),
          });
          return;
        }
        await ack();
        // A failure here leaves the summary to the retry job.
        await deliverReviewSummary(deps.db, deps.clock, summaries, outcome.reviewId).catch((error: unknown) =>
          deps.logger.warn(
            { err: error, reviewId: outcome.reviewId },
            'review summary not posted yet; will retry',
          ),
        );
        return;
      }
      const next = neighbourStep(session.agenda, step, 1);
      const advanced = await advanceReview(deps.db, deps.clock, session, {
        page,
        step: stepKey(next),
      });
      if (!advanced.ok) {
        await ack({
          response_action: 'errors',
          errors: reviewErrors(shown, session.agenda, advanced.errors),
        });
        return;
      }
      await ack({ response_action: 'update', view: buildReviewView(reviewPage(advanced.session), next) });
    } catch (error) {
      const refusal = reviewRefusal(error);
      if (refusal === undefined) throw error;
      await ack({ response_action: 'update', view: buildNoticeView(refusal) });
    }
  };
}

/** Closing the modal keeps what was typed on the page, unchecked, so `/dealreview` reopens it there. */
export function reviewClosedCallback(deps: ListenerDeps) {
  return async ({ ack, body, view }: ClosedArgs): Promise<void> => {
    await ack();
    const modal = readModal(body, view);
    if (modal === undefined) return;
    try {
      const session = await resumeReview(deps.db, deps.clock, deps.dealReview.setup, modal.draft);
      const step = stepOf(session.agenda, modal.ref.step);
      const page = parseReviewPage(session.agenda, step, modal.values);
      await keepReviewDraft(deps.db, deps.clock, session, {
        page,
        step: stepKey(step),
      });
    } catch (error) {
      if (reviewRefusal(error) === undefined) throw error;
    }
  };
}

/** The rep picker of `/dealreview` without a rep: the same checks as naming the rep, then the review. */
export function repPickedCallback(deps: ListenerDeps) {
  return async ({ ack, body, view, client }: SubmitArgs): Promise<void> => {
    const values = viewStateValues.safeParse(view.state.values);
    const picked = values.success ? parsePickedRep(values.data) : undefined;
    if (picked === undefined) {
      await ack({ response_action: 'errors', errors: { [DEAL_REVIEW_PICKER_FIELD.blockId]: 'Pick a rep.' } });
      return;
    }
    await ack({ response_action: 'update', view: buildLoadingView({ slackUserId: picked }) });
    let request: ReviewRequest;
    try {
      request = await resolveReviewRequest(deps.db, await interactionActor(deps, body), picked);
    } catch (error) {
      const refusal = reviewRefusal(error);
      if (refusal === undefined) return notLoaded(deps, client, view.id, error);
      await client.views.update({ view_id: view.id, view: buildNoticeView(refusal) });
      return;
    }
    if (request.kind !== 'review') return;
    await showReview(deps, client, { viewId: view.id }, request);
  };
}
