import type { KnownBlock } from '@slack/types';
import type { RosterStanding } from '../../domain/roster/permissions.js';
import { constant } from './constant.js';
import { echoCommandText, escapeMrkdwn } from './mrkdwn.js';
import { TOUR_OPEN_ACTION_ID } from './tour.js';

export const COMMANDS: ReadonlyArray<{ usage: string; what: string }> = [
  { usage: '/coach help', what: 'what the bot does and the commands it knows' },
  {
    usage: '/coach roster',
    what: 'your settings; managers see their reps, admins everyone and the teams',
  },
  {
    usage: '/coach time [@rep] 08:30',
    what: "when the daily prompt comes (`default`: the team's time)",
  },
  { usage: '/coach pause [@rep]', what: 'no daily prompts until `/coach resume [@rep]`' },
  {
    usage: '/coach ooo [@rep] 2026-12-24 [2027-01-02]',
    what: 'days off without prompts; `/coach ooo clear [@rep]` removes them',
  },
  {
    usage: '/coach add @rep [@manager] [team <name>]',
    what: 'add a rep (managers add their own; `/coach remove @rep` takes one off)',
  },
  {
    usage: '/coach manager @rep @manager',
    what: 'hand a rep to another manager; `/coach move @rep <team>` changes their team',
  },
  {
    usage: '/coach questions [@rep <set>|off]',
    what: "ready-made coaching questions in a rep's prompt (managers)",
  },
  { usage: '/coach digest 12:00', what: 'when your manager digest arrives' },
  {
    usage: '/coach team <name> create',
    what: 'then `manager @m`, `channel #c`, `time 09:00`, `workdays mon-fri`, `holidays US`, `timezone Europe/Paris`, `reminder 120`, `ranking-day monday`, `ranking-time 09:00`, `metric revenue|deals`, `currency EUR` (admins)',
  },
  { usage: '/coach admin @user [off]', what: 'make someone an admin of the bot (admins)' },
  {
    usage: '/dealreview [@rep]',
    what: "a manager's five-part monthly deal review with a rep (without @rep: pick one)",
  },
  { usage: '/ranking', what: "your team's standings so far this week" },
  {
    usage: '/ranking post [team]',
    what: "post last week's standings to the team channel if they did not go out (admins)",
  },
];

export const PURPOSE =
  'I help sales teams coach a little every day instead of one weekly meeting: a short check-in DM each ' +
  'workday morning ("Did you sell anything yesterday?"), a structured monthly deal review with your ' +
  'manager, and a weekly scoreboard in your team channel.';

/** Said under the help and on the Home tab. */
export const PRIVACY =
  'Your answers are private: only you, your manager and admins see them, apart from the weekly standings in your team channel.';

function commandLines(): string {
  return COMMANDS.map(
    (command) => `• \`${escapeMrkdwn(command.usage)}\`: ${escapeMrkdwn(command.what)}`,
  ).join('\n');
}

export function tourButton(): KnownBlock {
  return {
    type: 'actions',
    block_id: 'help_actions',
    elements: [
      {
        type: 'button',
        action_id: TOUR_OPEN_ACTION_ID,
        text: { type: 'plain_text', text: 'Take the 1-minute tour' },
      },
    ],
  };
}

// Built once: every `/coach help` answers with exactly this.
const HELP_MESSAGE: { text: string; blocks: KnownBlock[] } = constant({
  text: `${PURPOSE}\n\nCommands:\n${commandLines()}`,
  blocks: [
    { type: 'section', text: { type: 'mrkdwn', text: PURPOSE } },
    { type: 'section', text: { type: 'mrkdwn', text: `*Commands*\n${commandLines()}` } },
    tourButton(),
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: PRIVACY }],
    },
  ],
});

/** The ephemeral answer to `/coach help` (one shared, frozen value). */
export function buildHelpMessage(): { text: string; blocks: KnownBlock[] } {
  return HELP_MESSAGE;
}

/** The reply to `/coach <something unknown>`; `word` is as Slack sent it (see echoCommandText). */
export function buildUnknownSubcommandMessage(word: string): { text: string; blocks: KnownBlock[] } {
  const help = buildHelpMessage();
  const intro = `I don't know \`/coach ${echoCommandText(word)}\`. Here is what I can do:`;
  return {
    text: `${intro}\n${help.text}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: intro } }, ...help.blocks],
  };
}

const NOT_STORED =
  "Thanks! I keep what you write in the thread of a day's check-in; a message here on its own is not stored.";

/**
 * The answer to a top-level DM: the bot does not read free text outside a check-in thread. Someone not
 * on the roster learns why no check-in comes and whom to ask (the domain's mrkdwn, mentions meant); a
 * rep, how to pause or take days off, since a message here does neither.
 */
export function buildDirectMessageReply(standing: RosterStanding): { text: string } {
  switch (standing.kind) {
    case 'not-on-roster':
      return {
        text:
          'You are not on the roster, so I will not send you a daily check-in or anything else. ' +
          `${standing.askToBeAdded} \`/coach help\` shows what I do.`,
      };
    case 'rep':
      return {
        text:
          `${NOT_STORED} To stop the daily prompts for a while: \`/coach pause\` (then \`/coach resume\`), ` +
          'or days off with `/coach ooo 2026-12-24 2027-01-02`; the Pause and Out of office buttons on my ' +
          'Home tab do the same. `/coach help` shows the rest.',
      };
    case 'member':
      return { text: `${NOT_STORED} \`/coach help\` shows what I can do.` };
  }
}
