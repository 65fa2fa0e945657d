import { describe, expect, it } from 'vitest';
import { parseCoachCommand } from '../../src/slack/listeners/commands/coach-grammar.js';

describe('the /coach grammar', () => {
  it.each([
    ['add <@U123|rita>', { kind: 'add', rep: 'U123' }],
    [
      'ADD <@W123> <@U456|maya.m> team North America',
      { kind: 'add', rep: 'W123', manager: 'U456', team: 'North America' },
    ],
    ['team “East Coast” create', { kind: 'team-create', team: 'East Coast' }],
    ['team "R&amp;D" time 9am', { kind: 'team-setting', team: 'R&D', setting: 'time', value: '9am' }],
    [
      'team EMEA workdays mon, tue, thu',
      { kind: 'team-setting', team: 'EMEA', setting: 'workdays', value: 'mon, tue, thu' },
    ],
    ['team EMEA channel <#C0STAND|>', { kind: 'team-channel', team: 'EMEA', channel: 'C0STAND' }],
    ['team EMEA channel <#G0PRIV|private>', { kind: 'team-channel', team: 'EMEA', channel: 'G0PRIV' }],
    ['time 08:30', { kind: 'time', time: '08:30' }],
    ['time <@U1> 08:30', { kind: 'time', rep: 'U1', time: '08:30' }],
    ['pause', { kind: 'pause' }],
    ['resume <@U1>', { kind: 'resume', rep: 'U1' }],
    ['ooo 2026-12-24 2027-01-02', { kind: 'ooo', firstDay: '2026-12-24', lastDay: '2027-01-02' }],
    ['ooo <@U1> 2026-12-24', { kind: 'ooo', rep: 'U1', firstDay: '2026-12-24' }],
    ['ooo clear', { kind: 'ooo-clear' }],
    ['ooo CLEAR <@U1>', { kind: 'ooo-clear', rep: 'U1' }],
    ['questions', { kind: 'questions-list' }],
    ['questions <@U1> off', { kind: 'questions', rep: 'U1', set: 'off' }],
    // The first digest's introduction tells a manager to type this.
    ['digest 16:00', { kind: 'digest', time: '16:00' }],
    ['admin <@U1> off', { kind: 'admin', user: 'U1', grant: false }],
    ['move <@U1> North America', { kind: 'move', rep: 'U1', team: 'North America' }],
    ['  roster  ', { kind: 'roster' }],
  ])('reads %j', (text, expected) => {
    expect(parseCoachCommand(text)).toEqual(expected);
  });

  it.each([
    ['remove', 'Name the rep to remove with an @-mention.'],
    ['manager <@U1>', 'Name their new manager with an @-mention.'],
    ['add <@U1> sales', 'I did not expect `sales` there.'],
    ['team', 'I expected a team name (quote it if it has spaces: "East Coast").'],
    [
      'team EMEA',
      'I expected what to do with the team: create, manager, channel, time, workdays, holidays, timezone, reminder, ranking-day, ranking-time, metric or currency.',
    ],
    ['team EMEA paint', '`paint` is not something a team has.'],
    ['team EMEA channel', 'Name the channel with a #-mention.'],
    ['admin <@U1> please', 'I did not expect `please` there.'],
    ['roster everyone', 'I did not expect `everyone` there.'],
    [
      'time @rita 9',
      "I couldn't tell who `@rita` is: pick the person from Slack's @-mention list so the name turns into a link.",
    ],
  ])('explains what is wrong with %j', (text, problem) => {
    expect(parseCoachCommand(text)).toMatchObject({ kind: 'invalid', problem });
  });

  it('leaves values to the roster to judge', () => {
    expect(parseCoachCommand('time soon')).toEqual({ kind: 'time', time: 'soon' });
  });
});
