import { describe, expect, it } from 'vitest';
import { parseCoachCommand } from '../../../src/slack/listeners/commands/coach-grammar.js';
import {
  buildHelpMessage,
  buildNotYetAvailableMessage,
  buildUnknownSubcommandMessage,
  COMMANDS,
} from '../../../src/slack/views/help.js';
import { escapeMrkdwn } from '../../../src/slack/views/mrkdwn.js';
import { TOUR_OPEN_ACTION_ID } from '../../../src/slack/views/tour.js';

const actionIds = (blocks: unknown[]) =>
  blocks.flatMap((block) =>
    ((block as { elements?: Array<{ action_id?: string }> }).elements ?? []).map((e) => e.action_id),
  );

describe('help builders', () => {
  it('list every command, marking those not built yet', () => {
    const { text } = buildHelpMessage();
    // Usages such as `team <name>` are escaped, or Slack would read <name> as a link.
    for (const command of COMMANDS) expect(text).toContain(escapeMrkdwn(command.usage));
    expect(text).not.toMatch(/<[a-z]/);
    expect(text.match(/coming soon/g)).toHaveLength(COMMANDS.filter((c) => !c.available).length);
  });

  it('offer the tour from the help message', () => {
    expect(actionIds(buildHelpMessage().blocks)).toContain(TOUR_OPEN_ACTION_ID);
  });

  it('keep a plain-text fallback for notifications and screen readers', () => {
    expect(buildHelpMessage().text.length).toBeGreaterThan(50);
    expect(buildUnknownSubcommandMessage('frob').text).toMatch(/^I don't know `\/coach frob`/);
    expect(buildNotYetAvailableMessage('/ranking').text).toContain('`/ranking` is not available');
  });

  it('answer /coach help with one shared value that nobody can change', () => {
    const help = buildHelpMessage();
    expect(buildHelpMessage()).toBe(help);
    expect(() => {
      (help.blocks[0] as { type: string }).type = 'divider';
    }).toThrow(TypeError);
    expect(buildUnknownSubcommandMessage('x').blocks.slice(1)).toEqual(help.blocks);
  });

  it('stay within Slack’s limit of 50 blocks per message', () => {
    expect(buildUnknownSubcommandMessage('x').blocks.length).toBeLessThanOrEqual(50);
  });
});

describe('parseCoachCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['HELP me', { kind: 'help' }],
    ['frobnicate 2026-12-24', { kind: 'unknown', word: 'frobnicate' }],
  ])('reads %j', (text, expected) => {
    expect(parseCoachCommand(text)).toEqual(expected);
  });
});
