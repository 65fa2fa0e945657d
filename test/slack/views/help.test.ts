import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCoachCommand } from '../../../src/slack/listeners/commands/coach-grammar.js';
import { buildHelpMessage, buildUnknownSubcommandMessage, COMMANDS } from '../../../src/slack/views/help.js';
import { escapeMrkdwn } from '../../../src/slack/views/mrkdwn.js';
import { TOUR_OPEN_ACTION_ID } from '../../../src/slack/views/tour.js';

const actionIds = (blocks: unknown[]) =>
  blocks.flatMap((block) =>
    ((block as { elements?: Array<{ action_id?: string }> }).elements ?? []).map((e) => e.action_id),
  );

describe('help builders', () => {
  it('list every command, and every slash command the manifest declares', () => {
    const { text } = buildHelpMessage();
    // Usages such as `team <name>` are escaped, or Slack would read <name> as a link.
    for (const command of COMMANDS) expect(text).toContain(escapeMrkdwn(command.usage));
    expect(text).not.toMatch(/<[a-z]/);
    const manifest = parse(
      readFileSync(path.resolve(import.meta.dirname, '../../../manifest.yml'), 'utf8'),
    ) as {
      features: { slash_commands: Array<{ command: string }> };
    };
    const declared = manifest.features.slash_commands.map((slash) => slash.command);
    expect(declared.length).toBeGreaterThan(0);
    for (const slash of declared) expect(COMMANDS.some((c) => c.usage.startsWith(`${slash} `))).toBe(true);
    // Everything the help lists works: nothing is announced as coming later.
    expect(text).not.toMatch(/coming soon|not available/i);
  });

  it('offer the tour from the help message', () => {
    expect(actionIds(buildHelpMessage().blocks)).toContain(TOUR_OPEN_ACTION_ID);
  });

  it('keep a plain-text fallback for notifications and screen readers', () => {
    expect(buildHelpMessage().text.length).toBeGreaterThan(50);
    expect(buildUnknownSubcommandMessage('frob').text).toMatch(/^I don't know `\/coach frob`/);
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
