import { describe, expect, it } from 'vitest';
import type { Person, Team } from '../../../src/db/schema.js';
import type { RosterEntry } from '../../../src/domain/roster/listing.js';
import { parseCoachCommand } from '../../../src/slack/listeners/commands/coach-grammar.js';
import {
  buildPauseReply,
  buildQuestionSetsList,
  buildRosterMessages,
  buildTeamCreatedReply,
  buildTeamManagerReply,
} from '../../../src/slack/views/roster.js';

// The replies only read these fields of a person or a team.
const person = (slackUserId: string) => ({ slack_user_id: slackUserId }) as Person;
const team = { name: 'EMEA' } as Team;

const entry = (slackUserId: string, roles: Partial<RosterEntry> = {}): RosterEntry => ({
  slackUserId,
  displayName: slackUserId,
  isRep: true,
  isManager: false,
  isAdmin: false,
  teamName: 'EMEA',
  managerSlackUserId: 'UMGRA',
  promptTime: '09:00',
  promptTimeSource: 'team',
  paused: false,
  outOfOffice: [],
  inactiveReason: null,
  questionSet: null,
  ...roles,
});

describe('/coach replies', () => {
  it('says how to resume: a bare /coach resume for yourself, with the mention for someone else', () => {
    const paused = (rep: string, viewer: string) =>
      buildPauseReply({ rep: person(rep), changed: true }, true, viewer);
    expect(paused('UREP1', 'UREP1')).toBe('Paused: no daily prompts for you until `/coach resume`.');
    expect(paused('UREP1', 'UMGRA')).toBe(
      'Paused: no daily prompts for <@UREP1> until `/coach resume <@UREP1>`.',
    );
  });

  it('tells an admin who created a team every step left, reps included, in commands the grammar reads', () => {
    const created = { name: 'North America', prompt_time: '09:00:00', workdays: [1, 2, 3, 4, 5] } as Team;
    const reply = buildTeamCreatedReply(created);
    expect(reply).toBe(
      'Team *North America* created (prompts at 09:00, Mon–Fri). Next: `/coach team "North America" manager @someone`, ' +
        '`/coach team "North America" channel #standings` (then `/invite` me in that channel), ' +
        'and add its reps: `/coach add @rep team "North America"`.',
    );
    const commands = [...reply.matchAll(/`\/coach ([^`]+)`/g)].map(([, command]) =>
      command!
        .replace('@someone', '<@UMGR>')
        .replace('#standings', '<#C0STAND|>')
        .replace('@rep', '<@UREP1>'),
    );
    expect(commands.map((command) => parseCoachCommand(command))).toEqual([
      { kind: 'team-manager', team: 'North America', manager: 'UMGR' },
      { kind: 'team-channel', team: 'North America', channel: 'C0STAND' },
      { kind: 'add', rep: 'UREP1', team: 'North America' },
    ]);
  });

  it('counts the reps a new team manager takes over in agreement', () => {
    const reply = (repsAssigned: number) =>
      buildTeamManagerReply({ team, manager: person('UMGRA'), repsAssigned });
    expect(reply(0)).toBe('<@UMGRA> manages team *EMEA*.');
    expect(reply(1)).toBe(
      '<@UMGRA> manages team *EMEA*. 1 rep of the team who had no manager now reports to them.',
    );
    expect(reply(3)).toBe(
      '<@UMGRA> manages team *EMEA*. 3 reps of the team who had no manager now report to them.',
    );
  });

  it('escapes usage placeholders, or Slack would read <set> and <name> as links', () => {
    expect(buildQuestionSetsList()).toContain('`/coach questions @rep &lt;set&gt;`');
    const [roster] = buildRosterMessages({ scope: 'everyone', entries: [], teams: [] });
    expect(roster).toContain('No teams yet: `/coach team &lt;name&gt; create`.');
    for (const text of [buildQuestionSetsList(), roster ?? '']) expect(text).not.toMatch(/<[a-z]/);
  });

  it('shows a manager who is a rep too their own settings above their reps', () => {
    const me = entry('UMGRB', { isManager: true });
    expect(buildRosterMessages({ scope: 'reports', me, entries: [entry('UREP3')] })).toEqual([
      [
        '*Your settings*',
        "• <@UMGRB> — rep, manager · team EMEA · manager <@UMGRA> · 09:00 (team's time)",
        '',
        '*Your reps* (1)',
        "• <@UREP3> — rep · team EMEA · manager <@UMGRA> · 09:00 (team's time)",
      ].join('\n'),
    ]);
    expect(buildRosterMessages({ scope: 'reports', me: undefined, entries: [] })).toEqual([
      '*Your reps* (0)\nYou have no reps yet. Add one with `/coach add @rep`.',
    ]);
  });
});
