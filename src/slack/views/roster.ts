import type { Person, Team } from '../../db/schema.js';
import { QUESTION_SETS } from '../../domain/coaching/question-sets.js';
import { formatTimeOfDay } from '../../domain/coaching/schedule.js';
import { STANDINGS_ANSWER_MARGIN_MINUTES, usualStandingsPostTime } from '../../domain/rankings/posting.js';
import {
  type RosterEntry,
  type RosterListing,
  summarizeTeam,
  type TeamSummary,
} from '../../domain/roster/listing.js';
import { mention } from '../../domain/roster/permissions.js';
import type { OutOfOfficeChange, PauseChange, RepPlacement } from '../../domain/roster/service.js';
import { formatWorkdays, weekdayName } from '../../domain/roster/team-settings.js';
import type { TeamManagerChange, TeamSettingsChange } from '../../domain/roster/teams.js';
import { formatDate, formatDateRange } from './dates.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { plural } from './plural.js';

/** The ephemeral replies to `/coach` subcommands: plain mrkdwn text built from domain results. */

/** "you" for the person asking, a mention for anyone else. */
function them(person: Person, viewerId: string): string {
  return person.slack_user_id === viewerId ? 'you' : mention(person.slack_user_id);
}

/** "your" for the person asking, "<@U…>'s" for anyone else. */
function their(person: Person, viewerId: string): string {
  return person.slack_user_id === viewerId ? 'your' : `${mention(person.slack_user_id)}'s`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function placeText(placement: RepPlacement): string {
  const manager = placement.manager
    ? `reports to ${mention(placement.manager.slack_user_id)}`
    : 'has no manager';
  const team = placement.team ? `in team *${escapeMrkdwn(placement.team.name)}*` : 'in no team';
  return `${manager}, ${team}`;
}

export function buildPlacementReply(placement: RepPlacement): string {
  const rep = mention(placement.rep.slack_user_id);
  if (!placement.changed) return `${rep} is already a rep who ${placeText(placement)}. Nothing changed.`;
  return `${rep} is a rep who ${placeText(placement)}.`;
}

export function buildRemovedReply(rep: Person): string {
  return `${mention(rep.slack_user_id)} is no longer a rep: no more daily prompts. Their history stays.`;
}

/** Says every step left before the team's reps get a prompt: without reps, nothing is ever sent. */
export function buildTeamCreatedReply(team: Team): string {
  const command = (rest: string) => `\`/coach team "${escapeMrkdwn(team.name)}" ${rest}\``;
  return (
    `Team *${escapeMrkdwn(team.name)}* created (prompts at ${formatTimeOfDay(team.prompt_time)}, ${formatWorkdays(team.workdays)}). ` +
    `Next: ${command('manager @someone')}, ${command('channel #standings')} (then \`/invite\` me in that channel), ` +
    `and add its reps: \`/coach add @rep team "${escapeMrkdwn(team.name)}"\`.`
  );
}

export function buildTeamManagerReply(change: TeamManagerChange): string {
  const assigned =
    change.repsAssigned === 0
      ? ''
      : change.repsAssigned === 1
        ? ' 1 rep of the team who had no manager now reports to them.'
        : ` ${change.repsAssigned} reps of the team who had no manager now report to them.`;
  return `${mention(change.manager.slack_user_id)} manages team *${escapeMrkdwn(change.team.name)}*.${assigned}`;
}

/** What a team's one-line description shows of its settings. */
type TeamSchedule = Omit<TeamSummary, 'id' | 'name' | 'managerSlackUserId'>;

function standingsPart(team: TeamSchedule): string {
  if (!team.standingsChannelId) return 'no standings channel';
  const what =
    team.standingsMetric === 'deals'
      ? 'deals'
      : `revenue in ${team.reportingCurrency ?? 'the default currency'}`;
  return `standings in <#${team.standingsChannelId}> ${describeStandingsPostTime(team)} (${what})`;
}

/**
 * When the weekly post goes out in an ordinary week, said wherever its time is shown: an admin who
 * picked 09:00 must see that it goes out later, and why (standingsPostDueAt).
 */
export function describeStandingsPostTime(
  team: Pick<
    TeamSummary,
    'standingsWeekday' | 'standingsTime' | 'promptTime' | 'reminderDelayMinutes' | 'workdays'
  >,
): string {
  const usual = usualStandingsPostTime({
    standings_weekday: team.standingsWeekday,
    standings_time: team.standingsTime,
    prompt_time: team.promptTime,
    reminder_delay_minutes: team.reminderDelayMinutes,
    workdays: team.workdays,
  });
  const when = `${weekdayName(usual.weekday)}s at ${usual.time}`;
  if (!usual.heldBack) return when;
  const chosen =
    usual.weekday === team.standingsWeekday
      ? team.standingsTime
      : `${weekdayName(team.standingsWeekday)} ${team.standingsTime}`;
  return (
    `${when}, not ${chosen}: it waits for the answers about the week's last workday ` +
    `(the week's first prompt, its ${team.reminderDelayMinutes}-minute reminder and ${STANDINGS_ANSWER_MARGIN_MINUTES} minutes more)`
  );
}

function scheduleParts(team: TeamSchedule): string[] {
  return [
    standingsPart(team),
    `prompts at ${team.promptTime}`,
    formatWorkdays(team.workdays),
    team.holidayCountry ? `${team.holidayCountry} holidays` : 'no public holidays',
    // A rep's own Slack zone always comes first; the team's is the fallback.
    `fallback zone ${team.timeZone ?? 'the bot default'}`,
    `reminder after ${team.reminderDelayMinutes} min`,
  ];
}

export function describeTeam(team: TeamSummary): string {
  const manager = team.managerSlackUserId ? `manager ${mention(team.managerSlackUserId)}` : 'no manager';
  return `*${escapeMrkdwn(team.name)}*: ${[manager, ...scheduleParts(team)].join(' · ')}`;
}

export function buildTeamSettingsReply({ team, botNotInChannel }: TeamSettingsChange): string {
  const schedule = scheduleParts(summarizeTeam(team, null));
  const saved = `Saved. *${escapeMrkdwn(team.name)}*: ${schedule.join(' · ')}`;
  return botNotInChannel ? `${saved}\n${buildNotInChannelWarning(team.standings_channel_id ?? '')}` : saved;
}

/** Said when a team picks a standings channel the bot has not been invited to yet. */
export function buildNotInChannelWarning(channelId: string): string {
  return `:warning: I am not in <#${channelId}> yet, so the weekly standings cannot go there. Invite me (type \`/invite\` in the channel and pick me).`;
}

export function buildPromptTimeReply(rep: Person, viewerId: string): string {
  const whose = capitalized(their(rep, viewerId));
  if (rep.prompt_time === null) return `${whose} daily prompt follows the team's time again.`;
  return `${whose} daily prompt now comes at ${formatTimeOfDay(rep.prompt_time)}, local time, on workdays.`;
}

export function buildPauseReply(change: PauseChange, paused: boolean, viewerId: string): string {
  const subject = them(change.rep, viewerId);
  if (!change.changed) {
    const state = paused ? 'paused' : 'getting the daily prompt';
    return `${capitalized(subject)} ${subject === 'you' ? 'are' : 'is'} already ${state}.`;
  }
  // Without a name `/coach resume` resumes whoever types it: someone else's pause needs the mention.
  const resume = subject === 'you' ? '/coach resume' : `/coach resume ${subject}`;
  return paused
    ? `Paused: no daily prompts for ${subject} until \`${resume}\`.`
    : `Resumed: ${subject} will get the daily prompt again, starting with the next one due (today's, if it is not too late for it).`;
}

/** A range of days off as every date is shown: 'Thu 24 Dec 2026', or '24 Dec 2026 – 2 Jan 2027'. */
export function rangeText({ firstDay, lastDay }: { firstDay: string; lastDay: string }): string {
  return firstDay === lastDay ? formatDate(firstDay) : formatDateRange(firstDay, lastDay);
}

export function buildOutOfOfficeReply(change: OutOfOfficeChange, viewerId: string): string {
  const range = rangeText(change);
  if (!change.added)
    return `${capitalized(their(change.rep, viewerId))} out-of-office ${range} was already recorded.`;
  return `Out of office ${range} recorded for ${them(change.rep, viewerId)}: no prompt on those days.`;
}

export function buildOutOfOfficeClearedReply(rep: Person, cleared: number, viewerId: string): string {
  const whose = their(rep, viewerId);
  if (cleared === 0)
    return `Nothing to clear: ${whose} calendar has no current or upcoming out-of-office days.`;
  return `Cleared ${plural(cleared, 'out-of-office range')} from ${whose} calendar.`;
}

export function buildQuestionSetsList(): string {
  const sets = QUESTION_SETS.map(
    (set) => `• \`${set.key}\` *${set.name}* (${set.questions.length} questions), e.g. _${set.questions[0]}_`,
  );
  return [
    'Ready-made question sets: one question rotates into the rep’s daily prompt.',
    ...sets,
    `Attach one with \`${escapeMrkdwn('/coach questions @rep <set>')}\`, detach with \`/coach questions @rep off\`.`,
  ].join('\n');
}

export function buildQuestionSetReply(rep: Person): string {
  const set = QUESTION_SETS.find((candidate) => candidate.key === rep.question_set);
  return set
    ? `${mention(rep.slack_user_id)}'s daily prompt now includes a question from *${set.name}*.`
    : `${mention(rep.slack_user_id)}'s daily prompt has no extra question now.`;
}

export function buildDigestReply(manager: Person): string {
  return `Your manager digest now arrives at ${formatTimeOfDay(manager.digest_time)}, your local time.`;
}

export function buildAdminReply(person: Person, grant: boolean): string {
  return grant
    ? `${mention(person.slack_user_id)} is now an admin of the bot.`
    : `${mention(person.slack_user_id)} is no longer an admin of the bot (Slack workspace admins and owners always are).`;
}

function roles(entry: RosterEntry): string {
  const held = [entry.isRep && 'rep', entry.isManager && 'manager', entry.isAdmin && 'admin'].filter(Boolean);
  return held.join(', ');
}

/** One person on one line: everything their manager needs to see, and nothing about their answers. */
export function describeEntry(entry: RosterEntry): string {
  const parts = [roles(entry)];
  if (entry.isRep) {
    parts.push(entry.teamName ? `team ${escapeMrkdwn(entry.teamName)}` : 'no team');
    parts.push(entry.managerSlackUserId ? `manager ${mention(entry.managerSlackUserId)}` : 'no manager');
    const source = { own: 'own time', team: "team's time", default: 'default time' }[entry.promptTimeSource];
    parts.push(`${entry.promptTime} (${source})`);
    if (entry.paused) parts.push('*paused*');
    if (entry.outOfOffice.length > 0) {
      parts.push(`off ${entry.outOfOffice.map(rangeText).join(', ')}`);
    }
    if (entry.questionSet) parts.push(`questions: ${entry.questionSet}`);
  }
  if (entry.inactiveReason) parts.push(`:warning: no messages: ${escapeMrkdwn(entry.inactiveReason)}`);
  return `• ${mention(entry.slackUserId)} — ${parts.join(' · ')}`;
}

/** Slack shows up to 40,000 characters per message, and a response_url takes five replies. */
const MESSAGE_CHARACTERS = 12_000;
const MAX_MESSAGES = 4;

/** `/coach roster` as one or more messages, so a big roster is not cut off mid-line. */
export function buildRosterMessages(listing: RosterListing): string[] {
  const lines: string[] = [];
  if (listing.scope === 'everyone') {
    lines.push(`*Teams* (${listing.teams.length})`);
    lines.push(
      ...(listing.teams.length === 0
        ? [`No teams yet: \`${escapeMrkdwn('/coach team <name> create')}\`.`]
        : listing.teams.map((team) => `• ${describeTeam(team)}`)),
    );
    lines.push('', `*People* (${listing.entries.length})`);
  } else if (listing.scope === 'reports') {
    if (listing.me) lines.push('*Your settings*', describeEntry(listing.me), '');
    lines.push(`*Your reps* (${listing.entries.length})`);
    if (listing.entries.length === 0) lines.push('You have no reps yet. Add one with `/coach add @rep`.');
  } else {
    lines.push('*Your settings*');
  }
  lines.push(...listing.entries.map(describeEntry));

  const messages: string[] = [];
  let current = '';
  for (const [index, line] of lines.entries()) {
    if (current.length + line.length + 1 > MESSAGE_CHARACTERS) {
      if (messages.length === MAX_MESSAGES - 1) {
        messages.push(`${current}\n…and ${lines.length - index} more lines not shown.`);
        return messages;
      }
      messages.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  messages.push(current);
  return messages;
}
