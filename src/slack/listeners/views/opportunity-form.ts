import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { validateOpportunity } from '../../../domain/opportunities/fields.js';
import { addOpportunity, editOpportunity } from '../../../domain/opportunities/service.js';
import type { Actor } from '../../../domain/roster/actor.js';
import { AlreadyToldError } from '../../middleware/report-listener-failures.js';
import {
  OPPORTUNITY_CHANGED_SINCE_OPENED,
  OPPORTUNITY_FIELDS,
  opportunityFormErrors,
  parseOpportunityFormMetadata,
  readOpportunitySubmission,
} from '../../views/opportunities.js';
import { repOpportunitiesView } from '../actions/rep-opportunities.js';
import type { ListenerDeps } from '../deps.js';
import { plainInlineErrors } from '../inline-errors.js';
import { interactionActor, interactionWorkspace } from '../interaction.js';
import { publishHome } from '../publish-home.js';
import { rosterRefusal } from '../roster-refusals.js';
import { sideBySide } from '../side-by-side.js';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/**
 * The opportunity form: bad fields and refusals come back inline and nothing is stored; a saved deal
 * closes the form and redraws the Home (the owner's too, when their manager edited it). A form put on
 * top of a rep's list closes back onto that list, on the page it was on, drawn again with the change.
 * An add is keyed on the form (its view id), so the same submission twice adds one deal and closes the
 * form both times; an edit saves only over the version the form showed.
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
    const firstBlock = OPPORTUNITY_FIELDS.account.blockId;
    let ownerSlackUserId = body.user.id;
    let actor: Actor;
    try {
      actor = await interactionActor(deps, body);
      if (target?.opportunityId === null) {
        await addOpportunity(deps.db, deps.clock, actor, validation.fields, `view:${view.id}`);
      } else {
        const edit = await editOpportunity(
          deps.db,
          deps.clock,
          actor,
          target?.opportunityId ?? '-1',
          validation.fields,
          target?.version,
        );
        if (!edit.saved) {
          await ack({
            response_action: 'errors',
            errors: { [firstBlock]: OPPORTUNITY_CHANGED_SINCE_OPENED },
          });
          return;
        }
        ownerSlackUserId = edit.owner.slack_user_id;
      }
    } catch (error) {
      const refusal = rosterRefusal(error);
      if (refusal === undefined) throw error;
      await ack({
        response_action: 'errors',
        errors: await plainInlineErrors(deps.db, workspaceId, { [firstBlock]: refusal }),
      });
      return;
    }
    await ack();
    const { listViewId, listOffset } = target ?? {};
    const redrawList = async () => {
      if (listViewId === undefined) return;
      const view = await repOpportunitiesView(deps, body, ownerSlackUserId, actor, listOffset);
      await client.views.update({ view_id: listViewId, view });
    };
    // The deal is saved: a list Slack will not update (closed meanwhile) must not leave a Home showing
    // the deal as it was. The form closed cleanly, so a failed redraw is logged, not told to anyone.
    await sideBySide([
      redrawList(),
      publishHome(deps, client, workspaceId, body.user.id, actor),
      ...(ownerSlackUserId === body.user.id
        ? []
        : [publishHome(deps, client, workspaceId, ownerSlackUserId)]),
    ]).catch((error: unknown) => {
      throw new AlreadyToldError(error);
    });
  };
}
