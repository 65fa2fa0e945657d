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
import type { ListenerDeps } from '../deps.js';
import { interactionActor, interactionWorkspace } from '../interaction.js';
import { publishHome } from '../publish-home.js';
import { rosterRefusal } from '../roster-refusals.js';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/**
 * The opportunity form: bad fields and refusals come back inline and nothing is stored; a saved deal
 * closes the form and redraws the Home (the owner's too, when their manager edited it).
 */
export function opportunitySubmissionCallback(deps: ListenerDeps) {
  return async ({ ack, body, view, client }: SubmitArgs): Promise<void> => {
    const validation = validateOpportunity(readOpportunitySubmission(view.state.values));
    if (!validation.ok) {
      await ack({ response_action: 'errors', errors: opportunityFormErrors(validation.errors) });
      return;
    }
    const opportunityId = parseOpportunityFormMetadata(view.private_metadata);
    const workspaceId = interactionWorkspace(body) ?? '';
    let ownerSlackUserId = body.user.id;
    let actor: Actor;
    try {
      actor = await interactionActor(deps, body);
      if (opportunityId === null) {
        await addOpportunity(deps.db, deps.clock, actor, validation.fields);
      } else {
        const { owner } = await editOpportunity(
          deps.db,
          deps.clock,
          actor,
          opportunityId ?? '-1',
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
    await publishHome(deps, client, workspaceId, body.user.id, actor);
    if (ownerSlackUserId !== body.user.id) await publishHome(deps, client, workspaceId, ownerSlackUserId);
  };
}
