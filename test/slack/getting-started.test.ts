import { beforeAll, describe, expect, it } from 'vitest';
import { blockText, typedCoachCommands } from '../support/blocks.js';
import { coachCommand, publishedHomeView, useBotFixture } from '../support/bot.js';

type Block = { block_id?: string; text?: { text: string }; elements?: Array<{ text?: string }> };

/** The first setup as an admin meets it on a fresh install, and what people not on the roster are told. */
describe('getting started', () => {
  const fixture = useBotFixture();
  const db = () => fixture.database.db;
  const coach = (userId: string, text: string) => coachCommand(fixture, userId, text);

  beforeAll(() => {
    for (const user of [
      { id: 'UADMIN', real_name: 'Ada Admin', is_admin: true },
      { id: 'UMGR', real_name: 'Maya Manager' },
      { id: 'UREP1', real_name: 'Rita Rep' },
      { id: 'USTRANGER', real_name: 'Stan Stranger' },
    ]) {
      fixture.standIn.addUser(user);
    }
  });

  async function openHome(userId: string): Promise<Block[]> {
    const before = fixture.standIn
      .calls('views.publish')
      .filter((call) => call.args.user_id === userId).length;
    await fixture.bot.driver.event({
      type: 'app_home_opened',
      user: userId,
      channel: `D${userId}`,
      tab: 'home',
    });
    return (await publishedHomeView(fixture, userId, before + 1)).blocks as Block[];
  }

  const textOf = blockText;
  const stepLines = (blocks: Block[]) => textOf(blocks, 'home_setup_steps')?.split('\n') ?? [];

  it('walks an admin on an empty roster through the four steps with their commands, ticks each one done, and goes once all are', async () => {
    let home = await openHome('UADMIN');
    expect(textOf(home, 'home_setup_header')).toBe('Getting started');
    let steps = stepLines(home);
    expect(steps).toHaveLength(4);
    expect(steps.every((line) => line.startsWith(':white_large_square:'))).toBe(true);
    expect(steps.map(typedCoachCommands)).toEqual([
      ['team EMEA create', 'team "North America" create'],
      ['team EMEA manager <@UMGR>'],
      ['team EMEA channel <#C0STAND|>'],
      ['add <@UREP1> team EMEA'],
    ]);
    expect(steps[2]).toContain('`/invite`');
    expect(steps[3]).toContain('npm run roster:import');

    // Each step done with the very command the tab shows.
    expect(await coach('UADMIN', typedCoachCommands(steps[0]!)[0]!)).toMatch(/^Team \*EMEA\* created/);
    home = await openHome('UADMIN');
    steps = stepLines(home);
    expect(steps.map((line) => line.split(' ')[0])).toEqual([
      ':white_check_mark:',
      ':white_large_square:',
      ':white_large_square:',
      ':white_large_square:',
    ]);
    expect(steps[1]).toMatch(/still to do for \*EMEA\*$/);
    expect(steps[2]).toMatch(/still to do for \*EMEA\*$/);

    expect(await coach('UADMIN', typedCoachCommands(steps[1]!)[0]!)).toBe('<@UMGR> manages team *EMEA*.');
    expect(await coach('UADMIN', typedCoachCommands(steps[2]!)[0]!)).toMatch(
      /^Saved\. \*EMEA\*: standings in <#C0STAND>/,
    );
    home = await openHome('UADMIN');
    steps = stepLines(home);
    expect(steps.map((line) => line.split(' ')[0])).toEqual([
      ':white_check_mark:',
      ':white_check_mark:',
      ':white_check_mark:',
      ':white_large_square:',
    ]);

    // What the tab says happens next holds the defaults the new team and its manager really got.
    const next = textOf(home, 'home_setup_next') ?? '';
    const team = await db()
      .selectFrom('teams')
      .selectAll()
      .where('name', '=', 'EMEA')
      .executeTakeFirstOrThrow();
    const manager = await db()
      .selectFrom('people')
      .selectAll()
      .where('slack_user_id', '=', 'UMGR')
      .executeTakeFirstOrThrow();
    expect([team.prompt_time, team.standings_weekday, team.standings_time, manager.digest_time]).toEqual([
      '09:00:00',
      1,
      '09:00:00',
      '12:00:00',
    ]);
    expect(next).toContain("at the team's prompt time (09:00 by default");
    expect(next).toContain('a digest each workday at 12:00');
    expect(next).toContain('every Monday at 12:00');

    expect(await coach('UADMIN', typedCoachCommands(steps[3]!)[0]!)).toBe(
      '<@UREP1> is a rep who reports to <@UMGR>, in team *EMEA*.',
    );
    home = await openHome('UADMIN');
    expect(home.map((block) => block.block_id).filter((id) => id?.startsWith('home_setup'))).toEqual([]);
    expect(textOf(home, 'home_teams_header')).toBe('Teams (1)');
  });

  describe('someone not on the roster', () => {
    beforeAll(async () => {
      // Recorded as the bot's admin by their first command, so the answers below can name them.
      await coach('UADMIN', 'roster');
    });

    async function dmReply(userId: string, ts: string): Promise<string> {
      const before = fixture.standIn.calls('chat.postMessage').length;
      await fixture.bot.driver.event({
        type: 'message',
        channel_type: 'im',
        channel: `D${userId}`,
        user: userId,
        text: 'hi, what is this?',
        ts,
      });
      const calls = await fixture.standIn.waitForCalls('chat.postMessage', before + 1, 5_000);
      expect(calls[before]?.args).toMatchObject({ channel: `D${userId}`, thread_ts: ts });
      return String(calls[before]?.args.text);
    }

    async function slash(command: string, userId: string, text = ''): Promise<string> {
      const before = fixture.standIn.calls('response_url').length;
      await fixture.bot.driver.slashCommand({ command, text, userId });
      const calls = await fixture.standIn.waitForCalls('response_url', before + 1, 5_000);
      expect(calls[before]?.args.response_type).toBe('ephemeral');
      return String(calls[before]?.args.text);
    }

    it('is told in the DM that they are not on it, so get no messages, and whom to ask, by name', async () => {
      expect(await dmReply('USTRANGER', '1700000100.000100')).toBe(
        'You are not on the roster, so I will not send you a daily check-in or anything else. ' +
          'Ask your manager or an admin (<@UADMIN>) or a Slack workspace admin to add you. `/coach help` shows what I do.',
      );
    });

    it('is told the same on the Home tab, with the admins named', async () => {
      const home = await openHome('USTRANGER');
      expect(textOf(home, 'home_not_on_roster')).toBe(
        'You are not on the roster yet, so I send you no daily check-in. ' +
          'Ask your manager or an admin (<@UADMIN>) or a Slack workspace admin to add you.',
      );
    });

    it('is told by /ranking that they are not on the roster, and whom to ask', async () => {
      expect(await slash('/ranking', 'USTRANGER')).toBe(
        'You are not on the roster, so there are no standings to show you. ' +
          'Ask your manager or an admin (<@UADMIN>) or a Slack workspace admin to add you to a team.',
      );
    });

    it('is told by /dealreview that they are not on the roster, and whom to ask', async () => {
      for (const text of ['', '<@UREP1|rita>']) {
        expect(await slash('/dealreview', 'USTRANGER', text)).toBe(
          'Only a rep’s manager or an admin can run a deal review. You are not on the roster: ' +
            "ask an admin (<@UADMIN>) or a Slack workspace admin to add you as your reps' manager.",
        );
      }
    });
  });

  it('points a rep who writes outside a check-in thread to pause, days off and help', async () => {
    const before = fixture.standIn.calls('chat.postMessage').length;
    await fixture.bot.driver.event({
      type: 'message',
      channel_type: 'im',
      channel: 'DUREP1',
      user: 'UREP1',
      text: 'I am off next week',
      ts: '1700000200.000100',
    });
    const calls = await fixture.standIn.waitForCalls('chat.postMessage', before + 1, 5_000);
    const text = String(calls[before]?.args.text);
    expect(text).toMatch(/^Thanks! I keep what you write in the thread of a day's check-in/);
    expect(text).toContain('`/coach pause`');
    expect(text).toContain('`/coach ooo 2026-12-24 2027-01-02`');
    expect(text).toContain('`/coach help`');
    expect(text).not.toContain('not on the roster');
  });
});
