import { describe, expect, it } from 'vitest';
import { mentionedUserIds, plainTextFrom } from '../../../src/slack/views/mrkdwn.js';

const names = new Map([
  ['UMGR', 'Maya Manager'],
  ['UREP', 'Rita Rep'],
  // Names are shown as stored: not unescaped again, not read as formatting.
  ['UODD', 'R&amp;D _ops_ <team>'],
]);

describe('plainTextFrom', () => {
  it.each([
    // The roster's refusals, as they reach a modal's inline error.
    [
      "Only their manager <@UMGR> or an admin can edit <@UREP>'s opportunities.",
      "Only their manager @Maya Manager or an admin can edit @Rita Rep's opportunities.",
    ],
    [
      '<@UREP> is not a rep, so they get no daily prompt. Add them as a rep with `/coach add <@UREP>`.',
      '@Rita Rep is not a rep, so they get no daily prompt. Add them as a rep with “/coach add @Rita Rep”.',
    ],
    ['Ask an admin (<@UODD>, <@UMGR>).', 'Ask an admin (@R&amp;D _ops_ <team>, @Maya Manager).'],
    // Someone the bot never saw: their id, without the markup. A label Slack sent is better than that.
    ['<@UNEW> is not on the roster.', '@UNEW is not on the roster.'],
    ['<@UNEW|sam> is not on the roster.', '@sam is not on the roster.'],
    // The bot keeps no channel names: the channel's own label, else words that read in the sentence.
    [
      'I cannot see <#C0GONE>: it was deleted. Invite me (type `/invite` in the channel).',
      'I cannot see that channel: it was deleted. Invite me (type “/invite” in the channel).',
    ],
    [
      '<#C0OLD> is archived. Pick a channel the team still uses.',
      'That channel is archived. Pick a channel the team still uses.',
    ],
    ['Sure. <#C0OLD> is archived.', 'Sure. That channel is archived.'],
    ['<#C0OLD|sales-floor> is archived.', '#sales-floor is archived.'],
    // Entities once, in text and in code.
    [
      'There is no team called "R&amp;D &lt;EU&gt;". Create it with `/coach team "R&amp;D" create`.',
      'There is no team called "R&D <EU>". Create it with “/coach team "R&D" create”.',
    ],
    ['&amp;lt; stays what it showed', '&lt; stays what it showed'],
    // Emphasis marks go; stars and underscores that are not marks stay.
    ['Prompt at *09:00* on _workdays_, ~not~ *_both_*.', 'Prompt at 09:00 on workdays, not both.'],
    ['snake_case_name, 2 * 3 * 4, a*b*c', 'snake_case_name, 2 * 3 * 4, a*b*c'],
    ['`*kept*` in code', '“*kept*” in code'],
    ['```\n/coach add <@UREP>\n```', '/coach add @Rita Rep'],
    // Special mentions, dates and links as they would read.
    ['<!here> <!subteam^S1|@sales>', '@here @sales'],
    ['Due <!date^1392734382^{date_short}|Feb 18, 2014>.', 'Due Feb 18, 2014.'],
    [
      'See <https://example.com|the guide> or <https://example.com/a?b=1&amp;c=2>.',
      'See the guide or https://example.com/a?b=1&c=2.',
    ],
    ['Mail <mailto:ops@example.com>.', 'Mail ops@example.com.'],
    ['Plain text stays as it is.', 'Plain text stays as it is.'],
  ])('reads %j as %j', (mrkdwn, plain) => {
    expect(plainTextFrom(mrkdwn, names)).toBe(plain);
  });
});

describe('mentionedUserIds', () => {
  it('lists each person mentioned once, and no channel', () => {
    expect(mentionedUserIds('<@UREP> and <@UMGR|maya>, <@UREP> in <#C1> <!here>')).toEqual(['UREP', 'UMGR']);
    expect(mentionedUserIds('nobody here')).toEqual([]);
  });
});
