import type {
  AllMiddlewareArgs,
  BlockAction,
  BlockButtonAction,
  SlackActionMiddlewareArgs,
  StaticSelectAction,
  UsersSelectAction,
} from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { openOpportunitiesOfRep, opportunityForEditing } from '../../../domain/opportunities/service.js';
import type { Actor } from '../../../domain/roster/actor.js';
import {
  buildOpportunityModal,
  buildRepOpportunitiesModal,
  buildRepOpportunitiesNotice,
  parseOpportunityReference,
  parseRepOpportunitiesMetadata,
  parseRepPick,
  REP_OPPORTUNITY_ROWS,
} from '../../views/opportunities.js';
import type { ListenerDeps } from '../deps.js';
import { type InteractionBody, interactionActor, interactionWorkspace } from '../interaction.js';
import { publishHome } from '../publish-home.js';
import { rosterRefusal } from '../roster-refusals.js';
import { turnPage } from './turn-page.js';

type PickArgs = AllMiddlewareArgs &
  SlackActionMiddlewareArgs<BlockAction<StaticSelectAction | UsersSelectAction>>;
type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * The modal of one rep's open deals for whoever clicked (`known` spares identifying them again), on
 * the page that starts at `offset` (the last page when the list got shorter), or, when they may not
 * see them, a notice saying who may: a refusal shows nothing of the rep's deals.
 */
export async function repOpportunitiesView(
  deps: ListenerDeps,
  body: InteractionBody,
  repSlackUserId: string,
  known?: Actor,
  offset = 0,
): Promise<ModalView> {
  try {
    const actor = known ?? (await interactionActor(deps, body));
    const list = await openOpportunitiesOfRep(deps.db, actor, repSlackUserId, {
      limit: REP_OPPORTUNITY_ROWS,
      offset,
    });
    return buildRepOpportunitiesModal(list, actor.slackUserId);
  } catch (error) {
    const refusal = rosterRefusal(error);
    if (refusal === undefined) throw error;
    return buildRepOpportunitiesNotice(refusal);
  }
}

/** A rep picked in the Home's menu: their open deals, opened within the trigger's three seconds. */
export function openRepOpportunitiesCallback(deps: ListenerDeps) {
  return async ({ ack, body, action, client }: PickArgs): Promise<void> => {
    await ack();
    const repSlackUserId = parseRepPick(action);
    // Not a rep the menu offered: nothing to open.
    if (repSlackUserId === undefined) return;
    const view = await repOpportunitiesView(deps, body, repSlackUserId);
    await client.views.open({ trigger_id: body.trigger_id, view });
    // Drawn again after the list opens, not before (the trigger lasts 3 s): the menu shows its
    // placeholder again, so the same rep can be picked once more, and a rep moved to another manager
    // since the tab was drawn leaves the menu.
    await publishHome(deps, client, interactionWorkspace(body) ?? '', body.user.id);
  };
}

/**
 * "See all N" on a rep's own Home: their whole list, with pages, opened for whoever clicked (the
 * button carries nobody, so it cannot be pointed at another rep's deals).
 */
export function openOwnOpportunitiesCallback(deps: ListenerDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const view = await repOpportunitiesView(deps, body, body.user.id);
    await client.views.open({ trigger_id: body.trigger_id, view });
  };
}

/**
 * "‹ Previous" or "Next 40 ›" in a rep's list, for whoever may see the rep's deals now (the same check
 * as opening the list).
 */
export function turnRepOpportunitiesPageCallback(deps: ListenerDeps, step: -1 | 1) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    await turnPage(client, body.view, {
      step,
      rowsPerPage: REP_OPPORTUNITY_ROWS,
      parse: parseRepOpportunitiesMetadata,
      draw: (shown, offset) => repOpportunitiesView(deps, body, shown.repSlackUserId, undefined, offset),
    });
  };
}

/**
 * "Edit" in a rep's list: the form goes on top of the list, which it names with its page so that
 * saving draws that page of the list again with the change.
 */
export function pushEditRepOpportunityCallback(deps: ListenerDeps) {
  return async ({ ack, body, action, client }: ButtonArgs): Promise<void> => {
    await ack();
    const list = body.view;
    // The button lives only in a rep's list.
    if (list === undefined) return;
    const shown = parseRepOpportunitiesMetadata(list.private_metadata);
    let actor: Actor | undefined;
    try {
      actor = await interactionActor(deps, body);
      const opportunity = await opportunityForEditing(
        deps.db,
        actor,
        parseOpportunityReference(action.value) ?? '-1',
      );
      await client.views.push({
        trigger_id: body.trigger_id,
        view: buildOpportunityModal({
          defaultCurrency: deps.defaultCurrency,
          opportunity,
          listViewId: list.id,
          listOffset: shown?.offset ?? 0,
        }),
      });
    } catch (error) {
      const refusal = rosterRefusal(error);
      if (refusal === undefined) throw error;
      // A deal closed or handed to another rep since the list was drawn: redraw the list's page.
      const view =
        shown === undefined
          ? buildRepOpportunitiesNotice(refusal)
          : await repOpportunitiesView(deps, body, shown.repSlackUserId, actor, shown.offset);
      await client.views.update({ view_id: list.id, view });
    }
  };
}
