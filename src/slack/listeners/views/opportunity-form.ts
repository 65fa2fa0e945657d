import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { validateOpportunity } from '../../../domain/opportunities/fields.js';
import { addOpportunity, editOpportunity } from '../../../domain/opportunities/service.js';
import type { Actor } from '../../../domain/roster/actor.js';
import {
  OPPORTUNITY_FIELDS,
  opportunityFormErrors,
  parseOpportunityFormMetadata,
  readOpportunitySubmission,
} from '../../views/opportunities.js';
import { repOpportunitiesView } from '../actions/rep-opportunities.js';
import type { ListenerDeps } from '../deps.js';
import { interactionActor, interactionWorkspace } from '../interaction.js';
import { publishHome } from '../publish-home.js';
import { rosterRefusal } from '../roster-refusals.js';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/**
 * The opportunity form: bad fields and refusals come back inline and nothing is stored; a saved deal
 * closes the form and redraws the Home (the owner's too, when their manager edited it). A form put on
 * top of a rep's list closes back onto that list, on the page it was on, drawn again with the change.
 */
export function opportunitySubmissionCallback(deps: ListenerDeps) {
  return async ({ ack, body, view, client }: SubmitArgs): Promise<void> => {
    const validation = validateOpportunity(readOpportunitySubmission(view.state.values));
    if (!validation.ok) {
      await ack({ response_action: 'errors', errors: opportunityFormErrors(validation.errors) });
      return;
    }
    const target = parseOpportunityFormMetadata(view.private_metadata);
    const workspaceId = interactionWorkspace(body) ?? '';
    let ownerSlackUserId = body.user.id;
    let actor: Actor;
    try {
      actor = await interactionActor(deps, body);
      if (target?.opportunityId === null) {
        await addOpportunity(deps.db, deps.clock, actor, validation.fields);
      } else {
        const { owner } = await editOpportunity(
          deps.db,
          deps.clock,
          actor,
          target?.opportunityId ?? '-1',
          validation.fields,
        );
        ownerSlackUserId = owner.slack_user_id;
      }
    } catch (error) {
      const refusal = rosterRefusal(error);
      if (refusal === undefined) throw error;
      await ack({ response_action: 'errors', errors: { [OPPORTUNITY_FIELDS.account.blockId]: refusal } });
      return;
    }
    await ack();
    if (target?.listViewId !== undefined) {
      const list = await repOpportunitiesView(deps, body, ownerSlackUserId, actor, target.listOffset);
      await client.views.update({ view_id: target.listViewId, view: list });
    }
    await publishHome(deps, client, workspaceId, body.user.id, actor);
    if (ownerSlackUserId !== body.user.id) await publishHome(deps, client, workspaceId, ownerSlackUserId);
  };
}
