import type { Button, HomeView, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import type { Digest } from '../../domain/coaching/digest.js';
import { parseTimeOfDay } from '../../domain/coaching/schedule.js';
import type { OpenOpportunities, RepsWithDeals } from '../../domain/opportunities/service.js';
import { STANDINGS_ANSWER_MARGIN_MINUTES, type StandingsFailure } from '../../domain/rankings/posting.js';
import type { RepWeek } from '../../domain/rankings/rep-week.js';
import type { SetupProgress } from '../../domain/roster/getting-started.js';
import type { HomeSettings, RosterEntry, TeamSummary } from '../../domain/roster/listing.js';
import type { TeamSettingField, TeamSettingsInput } from '../../domain/roster/team-settings.js';
import { REMINDER_DELAY_RANGE, weekdayName } from '../../domain/roster/team-settings.js';
import { buildDigestHomeBlocks } from './digest.js';
import { buildHomeCommitmentBlocks } from './follow-ups.js';
import { PRIVACY, PURPOSE, tourButton } from './help.js';
import { readJsonMetadata } from './metadata.js';
import { escapeMrkdwn, mrkdwn, plain } from './mrkdwn.js';
import { opportunityHomeBlocks, repOpportunitiesMenuBlocks } from './opportunities.js';
import { repWeekBlocks } from './rep-week.js';
import { describeEntry, describeStandingsPostTime, describeTeam, rangeText } from './roster.js';
import { describeStandingsFailure, weekOf } from './standings.js';

/** The App Home: the viewer's own settings, their reps, and for admins the teams; with its modals. */

export const HOME_ACTIONS = {
  pause: 'home_pause',
  resume: 'home_resume',
  openOutOfOffice: 'home_out_of_office_open',
  clearOutOfOffice: 'home_out_of_office_clear',
  openPromptTime: 'home_prompt_time_open',
  editTeam: 'home_team_edit',
} as const;

/** The refusal shown at the top of the one redraw that follows a refused button. */
export const HOME_NOTICE_BLOCK = 'home_notice';

export const HOME_MODALS = {
  outOfOffice: 'home_out_of_office',
  promptTime: 'home_prompt_time',
  team: 'home_team',
} as const;

/** block_id and action_id of each modal input; errors come back keyed by the block_id. */
export const HOME_FIELDS = {
  firstDay: { blockId: 'ooo_first_day', actionId: 'ooo_first_day_value' },
  lastDay: { blockId: 'ooo_last_day', actionId: 'ooo_last_day_value' },
  promptTime: { blockId: 'prompt_time', actionId: 'prompt_time_value' },
  teamPromptTime: { blockId: 'team_prompt_time', actionId: 'team_prompt_time_value' },
  workdays: { blockId: 'team_workdays', actionId: 'team_workdays_value' },
  holidayCountry: { blockId: 'team_holiday_country', actionId: 'team_holiday_country_value' },
  timeZone: { blockId: 'team_time_zone', actionId: 'team_time_zone_value' },
  standingsChannel: { blockId: 'team_standings_channel', actionId: 'team_standings_channel_value' },
  reminderDelay: { blockId: 'team_reminder_delay', actionId: 'team_reminder_delay_value' },
  standingsWeekday: { blockId: 'team_standings_weekday', actionId: 'team_standings_weekday_value' },
  standingsTime: { blockId: 'team_standings_time', actionId: 'team_standings_time_value' },
  standingsMetric: { blockId: 'team_standings_metric', actionId: 'team_standings_metric_value' },
  reportingCurrency: { blockId: 'team_reporting_currency', actionId: 'team_reporting_currency_value' },
} as const;

type Field = (typeof HOME_FIELDS)[keyof typeof HOME_FIELDS];

/** Slack refuses a Home tab of more than 100 blocks; big lists are cut and point to `/coach roster`. */
const MAX_BLOCKS = 100;
const SECTION_CHARACTERS = 2_900;
const MAX_TEAM_SECTIONS = 40;
const MAX_FAILED_POSTS = 5;

function button(actionId: string, text: string, value?: string, style?: 'primary' | 'danger'): Button {
  return {
    type: 'button',
    action_id: actionId,
    text: plain(text),
    ...(value === undefined ? {} : { value }),
    ...(style ? { style } : {}),
  };
}

function mySettings(me: RosterEntry): KnownBlock[] {
  const source = { own: 'your own time', team: "your team's time", default: 'the default time' }[
    me.promptTimeSource
  ];
  const state = me.paused ? '*Paused*: no prompts until you resume.' : 'Active.';
  const away =
    me.outOfOffice.length === 0
      ? 'No days off planned.'
      : `Out of office: ${me.outOfOffice.map(rangeText).join(', ')}.`;
  const warning = me.inactiveReason
    ? `\n:warning: No messages reach you: ${escapeMrkdwn(me.inactiveReason)}.`
    : '';
  const elements: Button[] = [
    me.paused
      ? button(HOME_ACTIONS.resume, 'Resume', undefined, 'primary')
      : button(HOME_ACTIONS.pause, 'Pause'),
    button(HOME_ACTIONS.openOutOfOffice, 'Out of office…'),
    // The current time rides on the button, so the modal opens without a database round trip.
    button(HOME_ACTIONS.openPromptTime, 'Prompt time…', me.promptTime),
  ];
  if (me.outOfOffice.length > 0) elements.push(button(HOME_ACTIONS.clearOutOfOffice, 'Clear days off'));
  return [
    { type: 'header', block_id: 'home_me_header', text: plain('Your daily check-in') },
    {
      type: 'section',
      block_id: 'home_me',
      text: mrkdwn(`Prompt at *${me.promptTime}* (${source}) on workdays. ${state}\n${away}${warning}`),
    },
    { type: 'actions', block_id: 'home_me_actions', elements },
  ];
}

/** Lines packed into as few sections as Slack's 3,000-character limit allows. */
function packedSections(prefix: string, lines: string[], maxSections: number): KnownBlock[] {
  const sections: string[] = [];
  let current = '';
  for (const [index, line] of lines.entries()) {
    if (current !== '' && current.length + line.length + 1 > SECTION_CHARACTERS) {
      if (sections.length === maxSections - 1) {
        current += `\n…and ${lines.length - index} more: \`/coach roster\` lists everyone.`;
        break;
      }
      sections.push(current);
      current = '';
    }
    current = current === '' ? line : `${current}\n${line}`;
  }
  if (current !== '') sections.push(current);
  return sections.map((text, index) => ({
    type: 'section',
    block_id: `${prefix}_${index}`,
    text: mrkdwn(text),
  }));
}

/**
 * Weekly posts that did not go out, first on the tab of the people who can fix them; a manager who is
 * not an admin is told what to ask an admin for, as the fix needs admin commands.
 */
function failedPosts(failures: readonly StandingsFailure[], viewerIsAdmin: boolean): KnownBlock[] {
  if (failures.length === 0) return [];
  const lines = failures
    .slice(0, MAX_FAILED_POSTS)
    .map(
      (failure) =>
        `:warning: *${escapeMrkdwn(failure.teamName)}*, ${weekOf(failure.weekStart)}: ${describeStandingsFailure(failure, viewerIsAdmin)}`,
    );
  return [
    { type: 'divider' },
    { type: 'header', block_id: 'home_standings_failed_header', text: plain('Weekly standings not posted') },
    ...packedSections('home_standings_failed', lines, MAX_FAILED_POSTS),
  ];
}

/** `repsMenu` opens a rep's opportunities; it goes under the header. */
function myReps(reports: RosterEntry[], maxSections: number, repsMenu: KnownBlock[]): KnownBlock[] {
  const header: KnownBlock = {
    type: 'header',
    block_id: 'home_reps_header',
    text: plain(`Your reps (${reports.length})`),
  };
  if (reports.length === 0) {
    return [
      header,
      { type: 'section', block_id: 'home_reps_0', text: mrkdwn('No reps yet: `/coach add @rep`.') },
    ];
  }
  return [header, ...repsMenu, ...packedSections('home_reps', reports.map(describeEntry), maxSections)];
}

const SETUP_TEAMS_NAMED = 3;

/** "for *EMEA*, *APAC* and 2 more": where a step is still open, so the admin knows which team to fix. */
function stillOpenFor(teamNames: readonly string[]): string {
  if (teamNames.length === 0) return '';
  const named = teamNames.slice(0, SETUP_TEAMS_NAMED).map((name) => `*${escapeMrkdwn(name)}*`);
  const more = teamNames.length - named.length;
  return ` — still to do for ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

/**
 * An admin's checklist while the first setup is unfinished: on a fresh install the Home otherwise
 * shows one command of the four it takes before anyone gets a message. The commands are written as
 * the `/coach` grammar reads them (a test parses them), `&lt;name&gt;` standing for the team's name.
 */
function gettingStartedBlocks(progress: SetupProgress): KnownBlock[] {
  const mark = (done: boolean) => (done ? ':white_check_mark:' : ':white_large_square:');
  const doneText = (done: boolean) => (done ? ' _(done)_' : '');
  const { done } = progress;
  const steps = [
    `${mark(done.team)} *1. Create a team:* \`/coach team &lt;name&gt; create\` (quote a name with spaces: \`/coach team "North America" create\`)${doneText(done.team)}`,
    `${mark(done.manager)} *2. Give it a manager:* \`/coach team &lt;name&gt; manager @someone\` (they get a daily digest about their reps)${done.manager ? doneText(true) : stillOpenFor(progress.teamsWithoutManager)}`,
    `${mark(done.channel)} *3. Set its channel for the weekly standings:* \`/coach team &lt;name&gt; channel #channel\`, then type \`/invite\` in that channel and pick me${done.channel ? doneText(true) : stillOpenFor(progress.teamsWithoutChannel)}`,
    `${mark(done.reps)} *4. Add reps:* \`/coach add @rep team &lt;name&gt;\` (they report to the team's manager), or many at once from a CSV file with \`npm run roster:import\` (see the README's Roster section)${doneText(done.reps)}`,
  ];
  // The defaults a new team and a new manager get (migrations); a test holds this text to them.
  const next =
    "*What happens next:* each rep gets their first check-in DM at the team's prompt time (09:00 by " +
    "default, in the rep's own time zone) on their next workday: today, if that time has not passed yet. " +
    'Their manager gets a digest each workday at 12:00 their time (`/coach digest` changes it), and ' +
    "every Monday at 12:00 by default the team's channel gets last week's standings (not before the " +
    "answers about Friday are in: Monday's 09:00 prompt, its reminder after 120 minutes, and an hour).";
  return [
    { type: 'header', block_id: 'home_setup_header', text: plain('Getting started') },
    { type: 'section', block_id: 'home_setup_steps', text: mrkdwn(steps.join('\n')) },
    { type: 'context', block_id: 'home_setup_next', elements: [mrkdwn(next)] },
  ];
}

/**
 * `repsMenu` opens any rep's opportunities; it goes under the header. `maxSections` leaves room for
 * what else the tab shows.
 */
function teams(summaries: TeamSummary[], repsMenu: KnownBlock[], maxSections: number): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', block_id: 'home_teams_header', text: plain(`Teams (${summaries.length})`) },
    ...repsMenu,
  ];
  if (summaries.length === 0) {
    blocks.push({
      type: 'section',
      block_id: 'home_teams_none',
      text: mrkdwn('No teams yet: `/coach team &lt;name&gt; create`.'),
    });
  }
  for (const team of summaries.slice(0, maxSections)) {
    blocks.push({
      type: 'section',
      block_id: `home_team_${team.id}`,
      text: mrkdwn(describeTeam(team)),
      accessory: button(HOME_ACTIONS.editTeam, 'Edit team', String(team.id)),
    });
  }
  if (summaries.length > maxSections) {
    blocks.push({
      type: 'context',
      block_id: 'home_teams_more',
      elements: [mrkdwn(`…and ${summaries.length - maxSections} more: \`/coach roster\` lists every team.`)],
    });
  }
  return blocks;
}

/** Right under the title, where the viewer looks after a click that changed nothing. */
function refusalNotice(text: string): KnownBlock {
  return { type: 'section', block_id: HOME_NOTICE_BLOCK, text: mrkdwn(`:warning: ${text}`) };
}

/** What the Home shows besides the roster settings, each loaded by its own area. */
export interface HomeExtras {
  /** The viewer's own open deals. */
  opportunities?: OpenOpportunities;
  /** The reps whose deals the viewer may open: a manager's own, or every rep for an admin. */
  repsWithDeals?: RepsWithDeals;
  /** Different on every publish, so the reps menu shows its placeholder again after a pick. */
  repMenuKey?: string;
  /** Weekly posts that failed for the teams the viewer manages or administers: shown first. */
  standingsFailures?: readonly StandingsFailure[];
  /** A rep's standing so far and streaks: what they look at first. */
  week?: RepWeek;
  /** A manager's day so far, as their digest has it now: above their reps. */
  today?: Digest;
  /**
   * Why what the viewer just tried from the tab was refused: mrkdwn the domain wrote, its mentions
   * and code meant as such, so it is not escaped again. A button on the tab has no other place to
   * answer, and without it the tab only redraws unchanged.
   */
  notice?: string;
}

/**
 * The Home tab for one viewer. A rep sees only their own settings and opportunities; a manager also
 * their reps, with a menu that opens one rep's opportunities; an admin also the teams, where that menu
 * lists every rep. `undefined` settings mean they could not be loaded (Slack or the database did not
 * answer): the tab still shows what the bot is for.
 */
export function buildHomeView(
  settings: HomeSettings | undefined,
  { opportunities, repsWithDeals, repMenuKey, standingsFailures = [], week, today, notice }: HomeExtras = {},
): HomeView {
  const intro: KnownBlock[] = [
    { type: 'header', block_id: 'home_title', text: plain('Sales Coach') },
    ...(notice === undefined ? [] : [refusalNotice(notice)]),
    {
      type: 'section',
      block_id: 'home_purpose',
      text: mrkdwn(`${PURPOSE}\n\`/coach help\` lists the commands.`),
    },
    tourButton(),
  ];
  const privacy: KnownBlock = {
    type: 'context',
    block_id: 'home_privacy',
    elements: [mrkdwn(PRIVACY)],
  };
  if (settings === undefined) {
    const notice: KnownBlock = {
      type: 'section',
      block_id: 'home_unavailable',
      text: mrkdwn('I could not load your settings just now. Open this tab again in a minute.'),
    };
    return { type: 'home', blocks: [...intro, { type: 'divider' }, notice, privacy] };
  }
  // Only admins are shown the teams.
  const viewerIsAdmin = settings.teams !== undefined;
  const blocks: KnownBlock[] = [...intro, ...failedPosts(standingsFailures, viewerIsAdmin)];
  const setup = viewerIsAdmin && settings.setup ? gettingStartedBlocks(settings.setup) : [];
  if (setup.length > 0) blocks.push({ type: 'divider' }, ...setup);
  if (week) blocks.push({ type: 'divider' }, ...repWeekBlocks(week));
  if (settings.me) blocks.push({ type: 'divider' }, ...mySettings(settings.me));
  const commitments = settings.commitments ? buildHomeCommitmentBlocks(settings.commitments) : [];
  if (commitments.length > 0) blocks.push({ type: 'divider' }, ...commitments);
  if (opportunities) blocks.push({ type: 'divider' }, ...opportunityHomeBlocks(opportunities));
  const repsMenu = repsWithDeals ? repOpportunitiesMenuBlocks(repsWithDeals, repMenuKey) : [];
  // An admin's menu lists every rep, so it sits with the teams; a manager's with their own reps.
  // The checklist takes its blocks from the team list's share, so the tab's worst case stays what it
  // was; while setup is unfinished there are rarely that many teams anyway.
  const teamSections = MAX_TEAM_SECTIONS - (setup.length > 0 ? setup.length + 1 : 0);
  const teamBlocks = settings.teams ? teams(settings.teams, repsMenu, teamSections) : [];
  if (today) blocks.push({ type: 'divider' }, ...buildDigestHomeBlocks(today));
  if (settings.reports) {
    const reportsMenu = settings.teams ? [] : repsMenu;
    // Whatever room the other parts leave goes to the reps list.
    const room = MAX_BLOCKS - blocks.length - teamBlocks.length - reportsMenu.length - 5;
    blocks.push({ type: 'divider' }, ...myReps(settings.reports, Math.max(1, room), reportsMenu));
  }
  if (teamBlocks.length > 0) blocks.push({ type: 'divider' }, ...teamBlocks);
  if (!settings.me && !settings.reports && !settings.teams) {
    blocks.push(
      { type: 'divider' },
      {
        type: 'section',
        block_id: 'home_not_on_roster',
        text: mrkdwn(
          `You are not on the roster yet, so I send you no daily check-in. ${settings.askToBeAdded ?? 'Ask your manager or an admin to add you.'}`,
        ),
      },
    );
  }
  blocks.push(privacy);
  return { type: 'home', blocks };
}

// ---------------------------------------------------------------------------------------------- modals

function input(
  field: Field,
  label: string,
  element: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    type: 'input',
    block_id: field.blockId,
    label: plain(label),
    element: { ...element, action_id: field.actionId },
    ...extra,
  } as KnownBlock;
}

/** Days off for the viewer: two datepickers, both starting at `today` (the viewer's local date). */
export function buildOutOfOfficeModal(today: string): ModalView {
  return {
    type: 'modal',
    callback_id: HOME_MODALS.outOfOffice,
    title: plain('Out of office'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      input(HOME_FIELDS.firstDay, 'First day off', { type: 'datepicker', initial_date: today }),
      input(
        HOME_FIELDS.lastDay,
        'Last day off',
        { type: 'datepicker', initial_date: today },
        {
          hint: plain('No daily prompt from the first to the last day, both included.'),
        },
      ),
    ],
  };
}

/** The viewer's own prompt time; empty means "my team's time". */
export function buildPromptTimeModal(currentTime: string | undefined): ModalView {
  const initial = currentTime === undefined ? undefined : parseTimeOfDay(currentTime);
  return {
    type: 'modal',
    callback_id: HOME_MODALS.promptTime,
    title: plain('Prompt time'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      input(
        HOME_FIELDS.promptTime,
        'When should the daily prompt come?',
        { type: 'timepicker', ...(initial ? { initial_time: initial } : {}) },
        {
          optional: true,
          hint: plain("Your local time, on workdays. Leave it empty to follow your team's time."),
        },
      ),
    ],
  };
}

/** Monday (1) to Sunday (7), the ISO weekday as the value. */
const WEEKDAY_OPTIONS: PlainTextOption[] = [1, 2, 3, 4, 5, 6, 7].map((day) => ({
  text: plain(weekdayName(day)),
  value: String(day),
}));

const METRIC_OPTIONS: PlainTextOption[] = [
  { text: plain('Revenue'), value: 'revenue' },
  { text: plain('Number of deals'), value: 'deals' },
];

const teamMetadata = z.object({ teamId: z.number().int().positive() });

/** An admin's form for one team's schedule; the team id travels in private_metadata. */
export function buildTeamModal(team: TeamSummary): ModalView {
  const F = HOME_FIELDS;
  return {
    type: 'modal',
    callback_id: HOME_MODALS.team,
    private_metadata: JSON.stringify({ teamId: team.id }),
    title: plain('Edit team'),
    submit: plain('Save'),
    close: plain('Cancel'),
    blocks: [
      { type: 'section', block_id: 'team_name', text: mrkdwn(`*${escapeMrkdwn(team.name)}*`) },
      input(
        F.teamPromptTime,
        'Prompt time',
        { type: 'timepicker', initial_time: team.promptTime },
        {
          hint: plain("Each rep's local time, unless they set their own."),
        },
      ),
      input(F.workdays, 'Workdays', {
        type: 'checkboxes',
        options: WEEKDAY_OPTIONS,
        ...(team.workdays.length > 0
          ? {
              initial_options: WEEKDAY_OPTIONS.filter((option) =>
                team.workdays.includes(Number(option.value)),
              ),
            }
          : {}),
      }),
      input(
        F.holidayCountry,
        'Public holidays of',
        {
          type: 'plain_text_input',
          max_length: 10,
          ...(team.holidayCountry ? { initial_value: team.holidayCountry } : {}),
        },
        {
          optional: true,
          hint: plain('A country code such as US, GB or FR (DE-BY for a region). Empty: no holidays.'),
        },
      ),
      input(
        F.timeZone,
        'Time zone',
        {
          type: 'plain_text_input',
          max_length: 64,
          ...(team.timeZone ? { initial_value: team.timeZone } : {}),
        },
        {
          optional: true,
          hint: plain(
            "Such as Europe/Paris. Used for reps whose Slack profile has no zone. Empty: the bot's default.",
          ),
        },
      ),
      input(
        F.standingsChannel,
        'Channel for the weekly standings',
        {
          type: 'conversations_select',
          filter: { include: ['public', 'private'], exclude_bot_users: true },
          ...(team.standingsChannelId ? { initial_conversation: team.standingsChannelId } : {}),
        },
        { optional: true },
      ),
      input(
        F.reminderDelay,
        'Reminder after (minutes)',
        {
          type: 'number_input',
          is_decimal_allowed: false,
          min_value: String(REMINDER_DELAY_RANGE.min),
          max_value: String(REMINDER_DELAY_RANGE.max),
          initial_value: String(team.reminderDelayMinutes),
        },
        { hint: plain('One reminder when a rep has not answered by then.') },
      ),
      input(
        F.standingsWeekday,
        'Weekly standings day',
        {
          type: 'static_select',
          options: WEEKDAY_OPTIONS,
          initial_option: WEEKDAY_OPTIONS[team.standingsWeekday - 1] ?? WEEKDAY_OPTIONS[0],
        },
        { hint: plain("Last week's standings go to the channel on this day.") },
      ),
      input(
        F.standingsTime,
        'Weekly standings time',
        { type: 'timepicker', initial_time: team.standingsTime },
        {
          hint: plain(
            `In the team's time zone. The post waits for the answers about the week's last workday: ` +
              `the week's first prompt, its reminder and ${STANDINGS_ANSWER_MARGIN_MINUTES} minutes more. ` +
              `Now: ${describeStandingsPostTime(team)}.`,
          ),
        },
      ),
      input(F.standingsMetric, 'Rank reps by', {
        type: 'radio_buttons',
        options: METRIC_OPTIONS,
        initial_option: METRIC_OPTIONS.find((option) => option.value === team.standingsMetric),
      }),
      input(
        F.reportingCurrency,
        'Reporting currency',
        {
          type: 'plain_text_input',
          max_length: 3,
          ...(team.reportingCurrency ? { initial_value: team.reportingCurrency } : {}),
        },
        {
          optional: true,
          hint: plain("Three letters such as USD or EUR. Empty: the bot's default currency."),
        },
      ),
    ],
  };
}

/** The team a submitted form is about, or undefined for metadata the bot did not write. */
export function parseTeamModalMetadata(privateMetadata: string): number | undefined {
  return readJsonMetadata(teamMetadata, privateMetadata)?.teamId;
}

/** view.state.values as Slack sends it: block_id → action_id → the element's state. */
export type HomeModalValues = Record<string, Record<string, object>>;

function stateOf(values: HomeModalValues, field: Field): Record<string, unknown> {
  return (values[field.blockId]?.[field.actionId] ?? {}) as Record<string, unknown>;
}

function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function readOutOfOfficeSubmission(values: HomeModalValues): { firstDay: string; lastDay: string } {
  return {
    firstDay: stringOf(stateOf(values, HOME_FIELDS.firstDay).selected_date),
    lastDay: stringOf(stateOf(values, HOME_FIELDS.lastDay).selected_date),
  };
}

/** The picked time, or 'default' when the field was left empty (the team's time). */
export function readPromptTimeSubmission(values: HomeModalValues): string {
  return stringOf(stateOf(values, HOME_FIELDS.promptTime).selected_time) || 'default';
}

/** Every field of the team form as the shared validator expects it; empty optional fields clear a setting. */
export function readTeamSubmission(values: HomeModalValues): TeamSettingsInput {
  const F = HOME_FIELDS;
  const selected = stateOf(values, F.workdays).selected_options;
  const workdays = Array.isArray(selected)
    ? selected.map((option) => Number((option as { value?: unknown }).value))
    : [];
  const channel = stringOf(stateOf(values, F.standingsChannel).selected_conversation);
  const selectedValue = (field: Field) =>
    stringOf((stateOf(values, field).selected_option as { value?: unknown } | null | undefined)?.value);
  return {
    promptTime: stringOf(stateOf(values, F.teamPromptTime).selected_time),
    workdays,
    holidayCountry: stringOf(stateOf(values, F.holidayCountry).value),
    timeZone: stringOf(stateOf(values, F.timeZone).value),
    standingsChannelId: channel === '' ? null : channel,
    reminderDelayMinutes: stringOf(stateOf(values, F.reminderDelay).value),
    standingsWeekday: selectedValue(F.standingsWeekday),
    standingsTime: stringOf(stateOf(values, F.standingsTime).selected_time),
    standingsMetric: selectedValue(F.standingsMetric),
    reportingCurrency: stringOf(stateOf(values, F.reportingCurrency).value),
  };
}

/** Which block shows the error about each validated team setting. */
export const TEAM_FIELD_BLOCKS: Record<TeamSettingField, string> = {
  promptTime: HOME_FIELDS.teamPromptTime.blockId,
  workdays: HOME_FIELDS.workdays.blockId,
  holidayCountry: HOME_FIELDS.holidayCountry.blockId,
  timeZone: HOME_FIELDS.timeZone.blockId,
  standingsChannelId: HOME_FIELDS.standingsChannel.blockId,
  reminderDelayMinutes: HOME_FIELDS.reminderDelay.blockId,
  standingsWeekday: HOME_FIELDS.standingsWeekday.blockId,
  standingsTime: HOME_FIELDS.standingsTime.blockId,
  standingsMetric: HOME_FIELDS.standingsMetric.blockId,
  reportingCurrency: HOME_FIELDS.reportingCurrency.blockId,
};
