import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { opportunityForEditing } from '../../../domain/opportunities/service.js';
import { buildOpportunityModal, parseOpportunityReference } from '../../views/opportunities.js';
import type { ListenerDeps } from '../deps.js';
import { interactionActor, interactionWorkspace } from '../interaction.js';
import { publishHome } from '../publish-home.js';
import { rosterRefusal } from '../roster-refusals.js';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** "Add opportunity" on the Home: an empty form, opened at once within the trigger's three seconds. */
export function openAddOpportunityCallback(deps: ListenerDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    await client.views.open({
      trigger_id: body.trigger_id,
      view: buildOpportunityModal({ defaultCurrency: deps.defaultCurrency }),
    });
  };
}

/** "Edit" on a Home row: the deal's current fields, for its owner, their manager or an admin. */
export function openEditOpportunityCallback(deps: ListenerDeps) {
  return async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
    await ack();
    try {
      const actor = await interactionActor(deps, body);
      const opportunity = await opportunityForEditing(
        deps.db,
        actor,
        parseOpportunityReference(action.value) ?? '-1',
      );
      await client.views.open({
        trigger_id: body.trigger_id,
        view: buildOpportunityModal({ defaultCurrency: deps.defaultCurrency, opportunity }),
      });
    } catch (error) {
      const notice = rosterRefusal(error);
      if (notice === undefined) throw error;
      // A deal closed or reassigned since the tab was drawn: redraw the truth, and why.
      await publishHome(deps, client, interactionWorkspace(body) ?? '', body.user.id, undefined, { notice });
    }
  };
}
