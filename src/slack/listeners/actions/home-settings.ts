import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Actor } from '../../../domain/roster/actor.js';
import { teamSettingsFor, viewerToday } from '../../../domain/roster/listing.js';
import { clearOutOfOfficeRanges, setPaused } from '../../../domain/roster/service.js';
import { buildOutOfOfficeModal, buildPromptTimeModal, buildTeamModal } from '../../views/home.js';
import type { ListenerDeps } from '../deps.js';
import { interactionActor, interactionWorkspace } from '../interaction.js';
import { publishHome } from '../publish-home.js';
import { rosterRefusal } from '../roster-refusals.js';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/**
 * Runs a change the viewer asked for from the Home tab, then redraws the tab. A refusal is logged
 * and the redraw shows the true state with the refusal on top: the click has no other answer.
 */
async function changeThenRedraw(
  deps: ListenerDeps,
  args: ButtonArgs,
  change: (actor: Actor) => Promise<unknown>,
) {
  await args.ack();
  let actor: Actor | undefined;
  let notice: string | undefined;
  try {
    actor = await interactionActor(deps, args.body);
    await change(actor);
  } catch (error) {
    notice = rosterRefusal(error);
    if (notice === undefined) throw error;
    deps.logger.info({ err: error, action: args.action.action_id }, 'Home tab change refused');
  }
  await publishHome(
    deps,
    args.client,
    interactionWorkspace(args.body) ?? '',
    args.body.user.id,
    actor,
    notice === undefined ? {} : { notice },
  );
}

/** Pause or Resume on the Home tab (the viewer's own prompts). */
export function homePauseCallback(deps: ListenerDeps, paused: boolean) {
  return async (args: ButtonArgs): Promise<void> => {
    await changeThenRedraw(deps, args, async (actor) => {
      await setPaused(deps.db, deps.clock, actor, undefined, paused);
    });
  };
}

/** "Clear days off" on the Home tab. */
export function homeClearOutOfOfficeCallback(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await changeThenRedraw(deps, args, async (actor) => {
      await clearOutOfOfficeRanges(deps.db, deps.clock, actor, undefined);
    });
  };
}

/**
 * "Out of office…": the modal opens within the trigger's three seconds, so the viewer's today comes
 * from the roster alone, without the users.info an actor may cost.
 */
export function openOutOfOfficeCallback(deps: ListenerDeps) {
  return async ({ ack, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const today = await viewerToday(
      deps.db,
      deps.clock,
      { workspaceId: interactionWorkspace(body) ?? '', slackUserId: body.user.id },
      deps.defaultTimeZone,
    );
    await client.views.open({ trigger_id: body.trigger_id, view: buildOutOfOfficeModal(today) });
  };
}

/** "Prompt time…": the button carries the current time, so the modal needs no look-up. */
export async function openPromptTimeCallback({ ack, body, action, client }: ButtonArgs): Promise<void> {
  await ack();
  await client.views.open({ trigger_id: body.trigger_id, view: buildPromptTimeModal(action.value) });
}

/** "Edit team" (admins): the team's current settings in a form. */
export function editTeamCallback(deps: ListenerDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    const { ack, body, action, client } = args;
    await ack();
    const teamId = Number(action.value);
    try {
      const actor = await interactionActor(deps, body);
      const team = await teamSettingsFor(deps.db, actor, Number.isInteger(teamId) ? teamId : -1);
      await client.views.open({ trigger_id: body.trigger_id, view: buildTeamModal(team) });
    } catch (error) {
      const notice = rosterRefusal(error);
      if (notice === undefined) throw error;
      // An old tab of someone who is no longer an admin, or a deleted team: redraw the truth, and why.
      await publishHome(deps, client, interactionWorkspace(body) ?? '', body.user.id, undefined, { notice });
    }
  };
}
