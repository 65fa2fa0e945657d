import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Actor } from '../../../domain/roster/actor.js';
import { UnusableChannelError } from '../../../domain/roster/channels.js';
import { validateOutOfOfficeRange } from '../../../domain/roster/out-of-office.js';
import { addOutOfOfficeRange, setPromptTime } from '../../../domain/roster/service.js';
import { validateTeamSettings } from '../../../domain/roster/team-settings.js';
import { changeTeamSettings, type TeamSettingsChange } from '../../../domain/roster/teams.js';
import {
  HOME_FIELDS,
  parseTeamModalMetadata,
  readOutOfOfficeSubmission,
  readPromptTimeSubmission,
  readTeamSubmission,
  TEAM_FIELD_BLOCKS,
} from '../../views/home.js';
import { buildNotInChannelWarning } from '../../views/roster.js';
import type { ListenerDeps } from '../deps.js';
import { plainInlineErrors } from '../inline-errors.js';
import { interactionActor, interactionWorkspace } from '../interaction.js';
import { publishHome } from '../publish-home.js';
import { rosterRefusal } from '../roster-refusals.js';
import { sideBySide } from '../side-by-side.js';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/**
 * Validates, stores, closes the modal and redraws the Home tab, with `tell` (what the person must
 * still hear once it is stored). Bad input and refusals come back as inline errors on `errorBlock`
 * (or the block the validator names), and nothing is stored.
 */
async function submit(
  deps: ListenerDeps,
  args: SubmitArgs,
  errorBlock: string | ((error: unknown) => string),
  store: (actor: Actor) => Promise<unknown>,
  tell: () => Promise<unknown> = async () => undefined,
): Promise<void> {
  let actor: Actor;
  try {
    actor = await interactionActor(deps, args.body);
    await store(actor);
  } catch (error) {
    const refusal = rosterRefusal(error);
    if (refusal === undefined) throw error;
    const block = typeof errorBlock === 'string' ? errorBlock : errorBlock(error);
    const errors = await plainInlineErrors(deps.db, interactionWorkspace(args.body) ?? '', {
      [block]: refusal,
    });
    await args.ack({ response_action: 'errors', errors });
    return;
  }
  await args.ack();
  // Side by side: a message the person needs must not wait on, or be lost with, a redraw.
  await sideBySide([
    publishHome(deps, args.client, interactionWorkspace(args.body) ?? '', args.body.user.id, actor),
    tell(),
  ]);
}

export function outOfOfficeSubmissionCallback(deps: ListenerDeps) {
  return async (args: SubmitArgs): Promise<void> => {
    const { firstDay, lastDay } = readOutOfOfficeSubmission(args.view.state.values);
    const range = validateOutOfOfficeRange(firstDay, lastDay, deps.clock.now());
    if (!range.ok) {
      const errors = await plainInlineErrors(deps.db, interactionWorkspace(args.body) ?? '', {
        [HOME_FIELDS[range.field].blockId]: range.message,
      });
      await args.ack({ response_action: 'errors', errors });
      return;
    }
    await submit(deps, args, HOME_FIELDS.firstDay.blockId, async (actor) => {
      await addOutOfOfficeRange(deps.db, deps.clock, actor, undefined, range.firstDay, range.lastDay);
    });
  };
}

export function promptTimeSubmissionCallback(deps: ListenerDeps) {
  return async (args: SubmitArgs): Promise<void> => {
    const time = readPromptTimeSubmission(args.view.state.values);
    await submit(deps, args, HOME_FIELDS.promptTime.blockId, async (actor) => {
      await setPromptTime(deps.db, deps.clock, actor, undefined, time);
    });
  };
}

export function teamSubmissionCallback(deps: ListenerDeps) {
  return async (args: SubmitArgs): Promise<void> => {
    const input = readTeamSubmission(args.view.state.values);
    const validation = validateTeamSettings(input);
    if (!validation.ok) {
      const errors = await plainInlineErrors(
        deps.db,
        interactionWorkspace(args.body) ?? '',
        Object.fromEntries(
          Object.entries(validation.errors).map(([field, message]) => [
            TEAM_FIELD_BLOCKS[field as keyof typeof TEAM_FIELD_BLOCKS],
            message,
          ]),
        ),
      );
      await args.ack({ response_action: 'errors', errors });
      return;
    }
    const teamId = parseTeamModalMetadata(args.view.private_metadata);
    let change: TeamSettingsChange | undefined;
    // A channel the bot can never post in is refused on the channel field; everything else on the first.
    const errorBlock = (error: unknown) =>
      error instanceof UnusableChannelError
        ? HOME_FIELDS.standingsChannel.blockId
        : HOME_FIELDS.teamPromptTime.blockId;
    await submit(
      deps,
      args,
      errorBlock,
      async (actor) => {
        change = await changeTeamSettings(
          deps.db,
          deps.clock,
          deps.channels,
          actor,
          { id: teamId ?? -1 },
          input,
        );
      },
      // Saved, but the bot still has to be invited: the modal has closed, so the admin hears it by DM.
      async () => {
        if (!change?.botNotInChannel || !change.team.standings_channel_id) return;
        await args.client.chat.postMessage({
          channel: args.body.user.id,
          text: buildNotInChannelWarning(change.team.standings_channel_id),
        });
      },
    );
  };
}
