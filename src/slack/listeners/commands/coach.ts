import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { type Actor, identifyActor } from '../../../domain/roster/actor.js';
import { listRoster } from '../../../domain/roster/listing.js';
import {
  addOutOfOfficeRange,
  addRep,
  changeManager,
  clearOutOfOfficeRanges,
  moveRep,
  removeRep,
  setAdmin,
  setDigestTime,
  setPaused,
  setPromptTime,
  setQuestionSet,
} from '../../../domain/roster/service.js';
import type { TeamSettingsInput } from '../../../domain/roster/team-settings.js';
import { changeTeamSettings, createTeam, setTeamManager } from '../../../domain/roster/teams.js';
import { buildHelpMessage, buildUnknownSubcommandMessage } from '../../views/help.js';
import { escapeMrkdwn } from '../../views/mrkdwn.js';
import {
  buildAdminReply,
  buildDigestReply,
  buildOutOfOfficeClearedReply,
  buildOutOfOfficeReply,
  buildPauseReply,
  buildPlacementReply,
  buildPromptTimeReply,
  buildQuestionSetReply,
  buildQuestionSetsList,
  buildRemovedReply,
  buildRosterMessages,
  buildTeamCreatedReply,
  buildTeamManagerReply,
  buildTeamSettingsReply,
} from '../../views/roster.js';
import type { ListenerDeps } from '../deps.js';
import { rosterRefusal } from '../roster-refusals.js';
import { type CoachCommand, parseCoachCommand, type TeamSetting } from './coach-grammar.js';

type RosterCommand = Exclude<CoachCommand, { kind: 'help' | 'unknown' | 'invalid' | 'questions-list' }>;

/** Replies that need neither the database nor Slack, so they go out in the ack itself. */
function immediateReply(command: CoachCommand): { text: string } | undefined {
  switch (command.kind) {
    case 'help':
      return buildHelpMessage();
    case 'unknown':
      return buildUnknownSubcommandMessage(command.word);
    case 'invalid':
      return { text: `${command.problem}\nUsage: \`${escapeMrkdwn(command.usage)}\`` };
    case 'questions-list':
      return { text: buildQuestionSetsList() };
    default:
      return undefined;
  }
}

/**
 * `/coach [subcommand]`. Help, grammar mistakes and the question-set list are answered in the ack;
 * everything else is acked at once and answered through the response_url once the roster has run.
 */
export function coachCommandCallback(deps: ListenerDeps) {
  return async ({ command, ack, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    const parsed = parseCoachCommand(command.text);
    const immediate = immediateReply(parsed);
    if (immediate !== undefined) {
      await ack({ response_type: 'ephemeral', ...immediate });
      return;
    }
    await ack();
    const replies = await answerRosterCommand(
      deps,
      command.team_id,
      command.user_id,
      parsed as RosterCommand,
    );
    for (const text of replies) await respond({ response_type: 'ephemeral', text });
  };
}

async function answerRosterCommand(
  deps: ListenerDeps,
  workspaceId: string,
  slackUserId: string,
  command: RosterCommand,
): Promise<string[]> {
  try {
    const actor = await identifyActor(deps.db, deps.clock, deps.directory, workspaceId, slackUserId);
    return await runRosterCommand(deps, actor, command);
  } catch (error) {
    const refusal = rosterRefusal(error);
    // Anything else is a failure of ours: reportListenerFailures logs it and tells the person.
    if (refusal === undefined) throw error;
    return [refusal];
  }
}

const TEAM_SETTING_FIELDS: Record<TeamSetting, keyof TeamSettingsInput> = {
  time: 'promptTime',
  workdays: 'workdays',
  holidays: 'holidayCountry',
  timezone: 'timeZone',
  reminder: 'reminderDelayMinutes',
  'ranking-day': 'standingsWeekday',
  'ranking-time': 'standingsTime',
  metric: 'standingsMetric',
  currency: 'reportingCurrency',
};

async function runRosterCommand(deps: ListenerDeps, actor: Actor, command: RosterCommand): Promise<string[]> {
  const { db, clock, directory } = deps;
  const viewer = actor.slackUserId;
  switch (command.kind) {
    case 'add':
      return [
        buildPlacementReply(
          await addRep(db, clock, directory, actor, {
            repUserId: command.rep,
            ...(command.manager ? { managerUserId: command.manager } : {}),
            ...(command.team ? { teamName: command.team } : {}),
          }),
        ),
      ];
    case 'remove':
      return [buildRemovedReply(await removeRep(db, clock, actor, command.rep))];
    case 'manager':
      return [
        buildPlacementReply(await changeManager(db, clock, directory, actor, command.rep, command.manager)),
      ];
    case 'move':
      return [buildPlacementReply(await moveRep(db, clock, actor, command.rep, command.team))];
    case 'team-create':
      return [buildTeamCreatedReply(await createTeam(db, clock, actor, command.team))];
    case 'team-manager':
      return [
        buildTeamManagerReply(
          await setTeamManager(db, clock, directory, actor, command.team, command.manager),
        ),
      ];
    case 'team-channel':
    case 'team-setting': {
      const settings: TeamSettingsInput =
        command.kind === 'team-channel'
          ? { standingsChannelId: command.channel }
          : { [TEAM_SETTING_FIELDS[command.setting]]: command.value };
      return [
        buildTeamSettingsReply(
          await changeTeamSettings(db, clock, deps.channels, actor, { name: command.team }, settings),
        ),
      ];
    }
    case 'time':
      return [buildPromptTimeReply(await setPromptTime(db, clock, actor, command.rep, command.time), viewer)];
    case 'pause':
    case 'resume': {
      const paused = command.kind === 'pause';
      return [buildPauseReply(await setPaused(db, clock, actor, command.rep, paused), paused, viewer)];
    }
    case 'ooo':
      return [
        buildOutOfOfficeReply(
          await addOutOfOfficeRange(db, clock, actor, command.rep, command.firstDay, command.lastDay),
          viewer,
        ),
      ];
    case 'ooo-clear': {
      const { rep, cleared } = await clearOutOfOfficeRanges(db, clock, actor, command.rep);
      return [buildOutOfOfficeClearedReply(rep, cleared, viewer)];
    }
    case 'questions':
      return [buildQuestionSetReply(await setQuestionSet(db, clock, actor, command.rep, command.set))];
    case 'digest':
      return [buildDigestReply(await setDigestTime(db, clock, actor, command.time))];
    case 'admin':
      return [
        buildAdminReply(
          await setAdmin(db, clock, directory, actor, command.user, command.grant),
          command.grant,
        ),
      ];
    case 'roster':
      return buildRosterMessages(await listRoster(db, clock, actor));
  }
}
