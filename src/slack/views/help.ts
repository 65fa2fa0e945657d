import type { HomeView, KnownBlock } from '@slack/types';
import { constant } from './constant.js';
import { TOUR_OPEN_ACTION_ID } from './tour.js';

export const COMMANDS: ReadonlyArray<{ usage: string; what: string; available: boolean }> = [
  { usage: '/coach help', what: 'what the bot does and the commands it knows', available: true },
  {
    usage: '/coach …',
    what: 'roster, teams, prompt time, pause and out-of-office (admins and managers)',
    available: false,
  },
  {
    usage: '/dealreview @rep',
    what: "a manager's structured five-part monthly deal review",
    available: false,
  },
  { usage: '/ranking', what: "your team's standings so far this week", available: false },
];

const PURPOSE =
  'I help sales teams coach a little every day instead of one weekly meeting: a short check-in DM each ' +
  'workday morning ("Did you sell anything yesterday?"), a structured monthly deal review with your ' +
  'manager, and a weekly scoreboard in your team channel.';

function commandLines(): string {
  return COMMANDS.map(
    (command) => `• \`${command.usage}\`: ${command.what}${command.available ? '' : ' _(coming soon)_'}`,
  ).join('\n');
}

function tourButton(): KnownBlock {
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
      elements: [
        { type: 'mrkdwn', text: 'Your answers are private: only you, your manager and admins see them.' },
      ],
    },
  ],
});

/** The ephemeral answer to `/coach help` (one shared, frozen value). */
export function buildHelpMessage(): { text: string; blocks: KnownBlock[] } {
  return HELP_MESSAGE;
}

/** The reply to `/coach <something unknown>`. */
export function buildUnknownSubcommandMessage(word: string): { text: string; blocks: KnownBlock[] } {
  const help = buildHelpMessage();
  const intro = `I don't know \`/coach ${word}\`. Here is what I can do:`;
  return {
    text: `${intro}\n${help.text}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: intro } }, ...help.blocks],
  };
}

/** What a command that a later release brings answers in the meantime. */
export function buildNotYetAvailableMessage(command: string): { text: string } {
  return {
    text: `\`${command}\` is not available in this version of the bot yet. \`/coach help\` lists what works today.`,
  };
}

export function buildHomeView(): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Sales Coach' } },
      { type: 'section', text: { type: 'mrkdwn', text: PURPOSE } },
      { type: 'section', text: { type: 'mrkdwn', text: `*Commands*\n${commandLines()}` } },
      tourButton(),
    ],
  };
}

/** The answer to a top-level DM: the bot does not read free text outside a check-in thread. */
export function buildDirectMessageReply(): { text: string } {
  return {
    text:
      "Thanks! I only keep replies inside a day's check-in thread, and check-ins start in a later " +
      'version. `/coach help` shows what I can do today.',
  };
}
