import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseCoachCommand } from '../../../src/slack/listeners/commands/coach-grammar.js';
import {
  buildDirectMessageReply,
  buildHelpMessage,
  buildUnknownSubcommandMessage,
  COMMANDS,
} from '../../../src/slack/views/help.js';
import { echoCommandText, escapeMrkdwn } from '../../../src/slack/views/mrkdwn.js';
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

  it('show the last day off as optional, as the grammar reads it, in the help and the manifest', () => {
    expect(buildHelpMessage().text).toContain('`/coach ooo [@rep] 2026-12-24 [2027-01-02]`');
    expect(parseCoachCommand('ooo 2026-12-24')).toEqual({ kind: 'ooo', firstDay: '2026-12-24' });
    const manifest = parse(
      readFileSync(path.resolve(import.meta.dirname, '../../../manifest.yml'), 'utf8'),
    ) as { features: { slash_commands: Array<{ command: string; usage_hint?: string }> } };
    const coach = manifest.features.slash_commands.find((slash) => slash.command === '/coach');
    expect(coach?.usage_hint).toContain('ooo 2026-12-24 [2027-01-02]');
  });

  it('use one kind of apostrophe, the straight one most replies use', () => {
    const { text, blocks } = buildHelpMessage();
    expect(text).toContain("the team's time");
    expect(`${text}${JSON.stringify(blocks)}`).not.toContain('’');
  });

  it('offer the tour from the help message', () => {
    expect(actionIds(buildHelpMessage().blocks)).toContain(TOUR_OPEN_ACTION_ID);
  });

  it('keep a plain-text fallback for notifications and screen readers', () => {
    expect(buildHelpMessage().text.length).toBeGreaterThan(50);
    expect(buildUnknownSubcommandMessage('frob').text).toMatch(/^I don't know `\/coach frob`/);
    // The word as Slack sent it (&amp; already escaped) is shown escaped once, never "&amp;amp;".
    expect(buildUnknownSubcommandMessage('R&amp;D').text).toMatch(/^I don't know `\/coach R&amp;D`\./);
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

describe('the answer to a plain DM', () => {
  it('tells someone not on the roster that no message will come, and whom to ask, as the domain named them', () => {
    const askToBeAdded = 'Ask your manager or an admin (<@UADMIN>) or a Slack workspace admin to add you.';
    expect(buildDirectMessageReply({ kind: 'not-on-roster', askToBeAdded })).toEqual({
      text: `You are not on the roster, so I will not send you a daily check-in or anything else. ${askToBeAdded} \`/coach help\` shows what I do.`,
    });
  });

  it('points a rep to pause and days off, in commands the grammar reads', () => {
    const { text } = buildDirectMessageReply({ kind: 'rep' });
    expect(text).toMatch(/^Thanks! I keep what you write in the thread of a day's check-in;/);
    const commands = [...text.matchAll(/`\/coach ([^`]+)`/g)].map(([, command]) => command!);
    expect(commands).toEqual(['pause', 'resume', 'ooo 2026-12-24 2027-01-02', 'help']);
    for (const command of commands) expect(parseCoachCommand(command).kind).not.toBe('unknown');
    expect(text).toContain('Pause and Out of office buttons on my Home tab');
  });

  it('keeps the short pointer for a manager or an admin who gets no prompt', () => {
    expect(buildDirectMessageReply({ kind: 'member' }).text).toBe(
      "Thanks! I keep what you write in the thread of a day's check-in; a message here on its own is not stored. `/coach help` shows what I can do.",
    );
  });
});

describe('parseCoachCommand', () => {
  it.each([
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['HELP me', { kind: 'help' }],
    ['frobnicate 2026-12-24', { kind: 'unknown', word: 'frobnicate' }],
    ['Frob&amp;nicate', { kind: 'unknown', word: 'Frob&amp;nicate' }],
  ])('reads %j', (text, expected) => {
    expect(parseCoachCommand(text)).toEqual(expected);
  });
});

describe('echoCommandText', () => {
  it.each([
    ['plain words', 'plain words'],
    // Slack escapes &, < and > in command text: shown escaped exactly once.
    ['R&amp;D', 'R&amp;D'],
    ['&lt;b&gt; &amp;lt;', '&lt;b&gt; &amp;lt;'],
    // Markup is shown as it was typed, never as a live mention or link.
    ['<@U123|sam> and <@U456>', '@sam and @U456'],
    ['<#C123|general> <#C456>', '#general #C456'],
    ['<!here> <!channel|channel> <!subteam^S1|@sales>', '@here @channel @sales'],
    [
      '<https://example.com|the site> <https://example.com/a?b=1&amp;c=2>',
      'the site https://example.com/a?b=1&amp;c=2',
    ],
    ['  several\n  lines  ', 'several lines'],
  ])('shows %j as %j', (sent, shown) => {
    expect(echoCommandText(sent)).toBe(shown);
  });

  it('clips long text to one short line', () => {
    expect(echoCommandText('a&amp;'.repeat(40), 12)).toBe('a&amp;a…');
  });
});
