import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { type ReviewRequest, resolveReviewRequest } from '../../../domain/deal-review/permissions.js';
import { identifyActor } from '../../../domain/roster/actor.js';
import { buildLoadingView, buildRepPickerView } from '../../views/deal-review.js';
import { echoCommandText } from '../../views/mrkdwn.js';
import { reviewRefusal } from '../deal-review-refusals.js';
import type { ListenerDeps } from '../deps.js';
import { showReview } from '../views/deal-review.js';

type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

// With should_escape on, Slack sends a mention as <@U123|name> (or <@U123>); a bare id is accepted too.
const MENTION = /^<@([UW][A-Z0-9]{2,20})(?:\|[^>]*)?>$/;
const BARE_ID = /^([UW][A-Z0-9]{2,20})$/;

/** The rep named in `/dealreview [@rep]`: nobody, a Slack user id, or text that names nobody. */
export function parseDealReviewText(
  text: string,
): { kind: 'none' } | { kind: 'rep'; userId: string } | { kind: 'malformed' } {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'none' };
  const match = MENTION.exec(trimmed) ?? BARE_ID.exec(trimmed);
  return match ? { kind: 'rep', userId: match[1] as string } : { kind: 'malformed' };
}

/**
 * `/dealreview [@rep]`. Acked at once; once the reviewer is checked the trigger id opens a light modal
 * straight away, and the review fills it when its agenda is ready. Refusals are ephemeral.
 */
export function dealReviewCommandCallback(deps: ListenerDeps) {
  return async ({ command, ack, respond, client }: CommandArgs): Promise<void> => {
    const target = parseDealReviewText(command.text);
    if (target.kind === 'malformed') {
      await ack({
        response_type: 'ephemeral',
        text: `I can’t tell who “${echoCommandText(command.text)}” is. Mention the rep: \`/dealreview @rep\`, or run \`/dealreview\` to pick one.`,
      });
      return;
    }
    await ack();
    let request: ReviewRequest;
    try {
      const actor = await identifyActor(
        deps.db,
        deps.clock,
        deps.directory,
        command.team_id,
        command.user_id,
      );
      request = await resolveReviewRequest(deps.db, actor, target.kind === 'rep' ? target.userId : undefined);
    } catch (error) {
      const refusal = reviewRefusal(error);
      if (refusal === undefined) throw error;
      await respond({ response_type: 'ephemeral', text: refusal });
      return;
    }
    if (request.kind === 'pick') {
      const reps = request.reps.map((rep) => ({ slackUserId: rep.slack_user_id, name: rep.display_name }));
      await client.views.open({ trigger_id: command.trigger_id, view: buildRepPickerView(reps) });
      return;
    }
    const opened = await client.views.open({
      trigger_id: command.trigger_id,
      view: buildLoadingView({ name: request.rep.display_name }),
    });
    if (!opened.view?.id) return;
    await showReview(
      deps,
      client,
      { viewId: opened.view.id, ...(opened.view.hash ? { hash: opened.view.hash } : {}) },
      request,
    );
  };
}
