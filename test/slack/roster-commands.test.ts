import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/coaching/schedule.js';
import { parseCoachCommand } from '../../src/slack/listeners/commands/coach-grammar.js';
import { formatDate, formatDateRange } from '../../src/slack/views/dates.js';
import { useBotFixture } from '../support/bot.js';

/** /coach roster subcommands over signed HTTP, against the stand-in and this file's database. */
describe('/coach roster subcommands', () => {
  const fixture = useBotFixture();

  beforeAll(() => {
    for (const user of [
      { id: 'UADMIN', real_name: 'Ada Admin', is_admin: true },
      { id: 'UMGRA', real_name: 'Maya Manager' },
      { id: 'UMGRB', real_name: 'Boris Manager' },
      { id: 'UREP1', real_name: 'Rita Rep', tz: 'Asia/Kathmandu' },
      { id: 'UREP2', real_name: 'Sam Rep' },
      { id: 'UREP3', real_name: 'Tom Rep' },
      { id: 'UROBOT', real_name: 'Robot', is_bot: true },
      { id: 'UGONE', real_name: 'Gone Person', deleted: true },
      { id: 'USTRANGER', real_name: 'Stranger' },
    ]) {
      fixture.standIn.addUser(user);
    }
  });

  const db = () => fixture.database.db;
  const person = (slackUserId: string) =>
    db().selectFrom('people').selectAll().where('slack_user_id', '=', slackUserId).executeTakeFirst();
  const snapshot = async () => ({
    people: await db().selectFrom('people').selectAll().orderBy('id').execute(),
    teams: await db().selectFrom('teams').selectAll().orderBy('id').execute(),
    outOfOffice: await db().selectFrom('out_of_office').selectAll().orderBy('id').execute(),
  });

  /** Sends `/coach <text>` as `userId`; returns what the ack said (help, usage mistakes) or undefined. */
  async function send(userId: string, text: string): Promise<{ status: number; ack: string | undefined }> {
    const response = await fixture.bot.driver.slashCommand({
      command: '/coach',
      text,
      userId,
      userName: userId.toLowerCase(),
    });
    const ack = (response.json as { text?: string } | undefined)?.text;
    return { status: response.status, ack };
  }

  /** Sends `/coach <text>` and returns the ephemeral reply posted to the response_url afterwards. */
  async function reply(userId: string, text: string): Promise<string> {
    const before = fixture.standIn.calls('response_url').length;
    const { status, ack } = await send(userId, text);
    expect(status).toBe(200);
    expect(ack).toBeUndefined();
    const calls = await fixture.standIn.waitForCalls('response_url', before + 1, 5_000);
    const posted = calls[before]!.args;
    expect(posted.response_type).toBe('ephemeral');
    return String(posted.text);
  }

  const today = () => localDate(new Date(), 'UTC');

  describe('answered in the ack', () => {
    it('keeps /coach help in the ack, listing the real subcommands', async () => {
      const { status, ack } = await send('USTRANGER', 'help');
      expect(status).toBe(200);
      for (const usage of [
        '/coach add @rep',
        '/coach ooo',
        '/coach team &lt;name&gt; create',
        '/coach roster',
      ]) {
        expect(ack).toContain(usage);
      }
      expect(fixture.standIn.calls('response_url')).toHaveLength(0);
    });

    it('explains a usage mistake with the subcommand’s usage', async () => {
      expect((await send('UADMIN', 'add')).ack).toBe(
        'Name the rep to add with an @-mention.\nUsage: `/coach add @rep [@manager] [team &lt;name&gt;]`',
      );
      expect((await send('UADMIN', 'add @rita')).ack).toContain(
        "I couldn't tell who `@rita` is: pick the person from Slack's @-mention list",
      );
      expect((await send('UADMIN', 'team EMEA channel #general')).ack).toContain(
        "I couldn't tell which channel `#general` is",
      );
      expect((await send('UADMIN', 'pause <@UREP1|rita> now')).ack).toContain(
        'I did not expect `now` there.',
      );
      // What was typed is shown escaped once (Slack already sent &amp;), and a mention as plain text.
      expect((await send('UADMIN', 'team EMEA R&amp;D')).ack).toMatch(
        /^`R&amp;D` is not something a team has\./,
      );
      expect((await send('UADMIN', 'remove <@UREP1|rita> <@UREP2|sam>')).ack).toMatch(
        /^I did not expect `@sam` there\./,
      );
      expect((await send('UADMIN', 'Frob&amp;nicate')).ack).toMatch(
        /^I don't know `\/coach Frob&amp;nicate`\./,
      );
      expect(fixture.standIn.calls('response_url')).toHaveLength(0);
    });

    it('lists the ready-made question sets', async () => {
      const { ack } = await send('UREP1', 'questions');
      expect(ack).toContain('`top-performer` *Top performer*');
    });
  });

  describe('teams (admins)', () => {
    it('refuses a non-admin, names the admins, and changes nothing', async () => {
      await reply('UADMIN', 'roster'); // records the Slack admin as an admin of the bot
      const before = await snapshot();
      expect(await reply('UMGRA', 'team EMEA create')).toBe(
        'Only admins can create teams. Ask an admin (<@UADMIN>) or a Slack workspace admin.',
      );
      expect(await reply('USTRANGER', 'team EMEA manager <@UMGRA|maya>')).toMatch(
        /^Only admins can choose team managers/,
      );
      expect(await reply('UREP1', 'admin <@UREP1|rita>')).toMatch(/^Only admins can make people admins/);
      expect(await snapshot()).toEqual(before);
    });

    it('creates a team, and refuses the same name twice', async () => {
      expect(await reply('UADMIN', 'team EMEA create')).toMatch(
        /^Team \*EMEA\* created \(prompts at 09:00, Mon–Fri\)/,
      );
      expect(await reply('UADMIN', 'team emea create')).toBe('There is already a team called "emea".');
      expect(await reply('UADMIN', 'team "North America" create')).toMatch(/^Team \*North America\* created/);
    });

    it('gives a team a manager, who becomes a manager', async () => {
      expect(await reply('UADMIN', 'team EMEA manager <@UMGRA|maya>')).toBe('<@UMGRA> manages team *EMEA*.');
      expect(await person('UMGRA')).toMatchObject({ is_manager: true, display_name: 'Maya Manager' });
    });

    it.each([
      [
        'channel <#C0STAND|standings>',
        /^Saved\. \*EMEA\*: standings in <#C0STAND>/,
        { standings_channel_id: 'C0STAND' },
      ],
      ['time 8:30', /prompts at 08:30/, { prompt_time: '08:30:00' }],
      ['workdays mon-thu', /Mon–Thu/, { workdays: [1, 2, 3, 4] }],
      ['workdays sun, mon, tue', /Sun–Tue/, { workdays: [1, 2, 7] }],
      ['holidays us', /US holidays/, { holiday_country: 'US' }],
      ['timezone europe/paris', /Europe\/Paris/, { timezone: 'Europe/Paris' }],
      ['reminder 90', /reminder after 90 min/, { reminder_delay_minutes: 90 }],
      ['ranking-day friday', /Fridays at 09:00/, { standings_weekday: 5 }],
      ['ranking-time 4pm', /Fridays at 16:00/, { standings_time: '16:00:00' }],
      ['currency eur', /revenue in EUR/, { reporting_currency: 'EUR' }],
      ['metric deals', /Fridays at 16:00 \(deals\)/, { standings_metric: 'deals' }],
    ])('sets the team’s %s', async (setting, answer, stored) => {
      expect(await reply('UADMIN', `team EMEA ${setting}`)).toMatch(answer);
      const team = await db()
        .selectFrom('teams')
        .selectAll()
        .where('name', '=', 'EMEA')
        .executeTakeFirstOrThrow();
      expect(team).toMatchObject(stored);
    });

    it.each([
      ['team EMEA time 25:00', '`25:00` is not a time of day: use 09:00 or 9am.'],
      ['team EMEA workdays weekdays', '`weekdays` are not workdays: use mon-fri or mon,tue,thu.'],
      ['team EMEA holidays XX', /^`XX` is not a country I know public holidays for/],
      ['team EMEA timezone Mars/Olympus', /^`Mars\/Olympus` is not a time zone/],
      ['team EMEA reminder 2', /^The reminder delay must be a whole number of minutes from 15 to 480/],
      [
        'team Mars time 09:00',
        'There is no team called "Mars". `/coach roster` lists the teams; create this one with `/coach team "Mars" create`.',
      ],
      ['team EMEA metric calls', '`calls` is not a standings metric: use revenue or deals.'],
      ['team EMEA ranking-day someday', '`someday` is not a day of the week: use monday … sunday.'],
      ['team EMEA currency euros', /^`euros` is not a currency code/],
      [
        'team EMEA channel <#C0ARCHIVED|old>',
        '<#C0ARCHIVED> is archived. Pick a channel the team still uses.',
      ],
    ])('refuses %s', async (text, answer) => {
      fixture.standIn.archiveChannel('C0ARCHIVED');
      const before = await snapshot();
      const posted = await reply('UADMIN', text);
      if (typeof answer === 'string') expect(posted).toBe(answer);
      else expect(posted).toMatch(answer);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('a standings channel the bot is not in', () => {
    it('is saved, and the reply says to invite the bot', async () => {
      fixture.standIn.removeBotFromChannel('C0NOBOT');
      expect(await reply('UADMIN', 'team EMEA channel <#C0NOBOT|sales>')).toContain(
        ':warning: I am not in <#C0NOBOT> yet, so the weekly standings cannot go there. Invite me',
      );
      expect(await reply('UADMIN', 'team EMEA channel <#C0STAND|standings>')).not.toContain(':warning:');
    });
  });

  describe('reps', () => {
    it('lets a manager add a rep into their own team', async () => {
      expect(await reply('UMGRA', 'add <@UREP1|rita>')).toBe(
        '<@UREP1> is a rep who reports to <@UMGRA>, in team *EMEA*.',
      );
      expect(await person('UREP1')).toMatchObject({ is_rep: true, timezone: 'Asia/Kathmandu' });
      expect(await reply('UMGRA', 'add <@UREP1|rita>')).toMatch(/is already a rep .* Nothing changed\.$/);
    });

    it('lets an admin add a rep under another manager and team', async () => {
      expect(await reply('UADMIN', 'add <@UREP2|sam> <@UMGRB|boris> team North America')).toBe(
        '<@UREP2> is a rep who reports to <@UMGRB>, in team *North America*.',
      );
      expect(await reply('UADMIN', 'add <@UREP3> team EMEA')).toBe(
        '<@UREP3> is a rep who reports to <@UMGRA>, in team *EMEA*.',
      );
    });

    it.each([
      ['add <@UNOPE>', "I can't find <@UNOPE> in this Slack workspace."],
      ['add <@UROBOT|robot>', '<@UROBOT> is a bot: only active people can be on the roster.'],
      ['add <@UGONE>', '<@UGONE> is deactivated in Slack: only active people can be on the roster.'],
      ['add <@UREP3> team Mars', /^There is no team called "Mars"/],
      ['manager <@UREP1> <@UREP1>', '<@UREP1> cannot be their own manager.'],
      ['add <@USTRANGER> <@USTRANGER>', '<@USTRANGER> cannot be their own manager.'],
    ])('refuses %s', async (text, answer) => {
      const before = await snapshot();
      const posted = await reply('UADMIN', text);
      if (typeof answer === 'string') expect(posted).toBe(answer);
      else expect(posted).toMatch(answer);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an unknown team with a command that works, or, to a manager, whom to ask', async () => {
      const before = await snapshot();
      const toAdmin = await reply('UADMIN', 'move <@UREP3> North Pole');
      expect(toAdmin).toBe(
        'There is no team called "North Pole". `/coach roster` lists the teams; create this one with `/coach team "North Pole" create`.',
      );
      // The command offered reads the name as one team, not as team "North" and action "pole".
      const offered = /create this one with `\/coach (.*)`\.$/.exec(toAdmin)?.[1];
      expect(parseCoachCommand(offered ?? '')).toEqual({ kind: 'team-create', team: 'North Pole' });
      // A manager cannot list or create teams: they are told whom to ask.
      expect(await reply('UMGRA', 'add <@UREP3> team North Pole')).toBe(
        'There is no team called "North Pole". Check the name, or ask an admin (<@UADMIN>) or a Slack workspace admin to create it.',
      );
      expect(await snapshot()).toEqual(before);
    });

    it('keeps a manager’s hands off another manager’s rep, naming the rep’s manager', async () => {
      const before = await snapshot();
      expect(await reply('UMGRA', 'time <@UREP2> 10:00')).toBe(
        "Only their manager <@UMGRB> or an admin can change <@UREP2>'s prompt time.",
      );
      expect(await reply('UMGRA', 'pause <@UREP2>')).toMatch(/^Only their manager <@UMGRB>/);
      expect(await reply('UMGRA', 'remove <@UREP2>')).toBe(
        'Only their manager <@UMGRB> or an admin can remove <@UREP2>.',
      );
      expect(await reply('UMGRA', 'add <@UREP2>')).toMatch(/^Only their manager <@UMGRB>/);
      expect(await reply('UMGRA', 'questions <@UREP2> top-performer')).toMatch(
        /^Only their manager <@UMGRB>/,
      );
      expect(await reply('UREP1', 'ooo <@UREP2> 2027-01-04')).toMatch(/^Only their manager <@UMGRB>/);
      expect(await snapshot()).toEqual(before);
    });

    it('lets a rep set their own prompt time, and a manager their rep’s', async () => {
      expect(await reply('UREP1', 'time 8:15am')).toBe(
        'Your daily prompt now comes at 08:15, local time, on workdays.',
      );
      expect(await reply('UMGRA', 'time <@UREP1|rita> 07:45')).toBe(
        "<@UREP1>'s daily prompt now comes at 07:45, local time, on workdays.",
      );
      expect((await person('UREP1'))?.prompt_time).toBe('07:45:00');
      expect(await reply('UREP1', 'time default')).toBe("Your daily prompt follows the team's time again.");
      expect(await reply('UREP1', 'time 8:75')).toBe(
        "`8:75` is not a time of day: use 08:30 or 8:30am (or `default` for the team's time).",
      );
      expect((await person('UREP1'))?.prompt_time).toBeNull();
    });

    it('pauses and resumes: the rep themself or their manager', async () => {
      expect(await reply('UREP1', 'pause')).toBe('Paused: no daily prompts for you until `/coach resume`.');
      expect((await person('UREP1'))?.paused_at).not.toBeNull();
      expect(await reply('UREP1', 'pause')).toBe('You are already paused.');
      expect(await reply('UMGRA', 'resume <@UREP1>')).toBe(
        "Resumed: <@UREP1> will get the daily prompt again, starting with the next one due (today's, if it is not too late for it).",
      );
      expect((await person('UREP1'))?.paused_at).toBeNull();
      // A bare `/coach resume` would resume the manager: the hint names the rep.
      expect(await reply('UMGRA', 'pause <@UREP1|rita>')).toBe(
        'Paused: no daily prompts for <@UREP1> until `/coach resume <@UREP1>`.',
      );
      expect(await reply('UMGRA', 'resume <@UREP1|rita>')).toMatch(/^Resumed: <@UREP1>/);
    });

    it('tells someone who is not a rep that there is nothing to pause', async () => {
      expect(await reply('USTRANGER', 'pause')).toBe(
        'You are not on the roster as a rep, so you get no daily prompt to set up. Ask your manager or an admin to add you.',
      );
    });

    it('records out-of-office days, refuses bad ranges, and clears them', async () => {
      const first = addDays(today(), 30);
      const last = addDays(today(), 39);
      expect(await reply('UREP1', `ooo ${first} ${last}`)).toBe(
        `Out of office ${formatDateRange(first, last)} recorded for you: no prompt on those days.`,
      );
      expect(await reply('UREP1', `ooo ${first} ${last}`)).toBe(
        `Your out-of-office ${formatDateRange(first, last)} was already recorded.`,
      );
      expect(await reply('UMGRA', `ooo <@UREP1> ${addDays(today(), 50)}`)).toMatch(/recorded for <@UREP1>/);

      expect(await reply('UREP1', `ooo ${last} ${first}`)).toBe(
        `The last day (${formatDate(first)}) is before the first (${formatDate(last)}).`,
      );
      expect(await reply('UREP1', `ooo ${first} ${addDays(first, 400)}`)).toMatch(/longer than a year/);
      expect(await reply('UREP1', 'ooo 2026-02-30')).toBe('`2026-02-30` is not a date: use YYYY-MM-DD.');
      expect(await reply('UREP1', 'ooo christmas')).toBe('`christmas` is not a date: use YYYY-MM-DD.');

      const rep = await person('UREP1');
      const ranges = await db()
        .selectFrom('out_of_office')
        .selectAll()
        .where('person_id', '=', rep!.id)
        .execute();
      expect(ranges).toHaveLength(2);
      expect(await reply('UREP1', 'ooo clear')).toBe('Cleared 2 out-of-office ranges from your calendar.');
      expect(await reply('UREP1', 'ooo clear')).toBe(
        'Nothing to clear: your calendar has no current or upcoming out-of-office days.',
      );
    });

    it('attaches question sets (managers), refusing unknown sets', async () => {
      expect(await reply('UMGRA', 'questions <@UREP1> top-performer')).toBe(
        "<@UREP1>'s daily prompt now includes a question from *Top performer*.",
      );
      expect((await person('UREP1'))?.question_set).toBe('top-performer');
      expect(await reply('UMGRA', 'questions <@UREP1> magic')).toMatch(/^There is no question set `magic`/);
      expect(await reply('UREP1', 'questions <@UREP1> off')).toMatch(/^Only their manager <@UMGRA>/);
      expect(await reply('UMGRA', 'questions <@UREP1> off')).toBe(
        "<@UREP1>'s daily prompt has no extra question now.",
      );
    });

    it('sets a manager’s digest time, and refuses it to a rep', async () => {
      expect(await reply('UMGRA', 'digest 4pm')).toBe(
        'Your manager digest now arrives at 16:00, your local time.',
      );
      expect((await person('UMGRA'))?.digest_time).toBe('16:00:00');
      expect(await reply('UREP1', 'digest 4pm')).toBe(
        'Only managers get a digest, and you have no reps yet.',
      );
      expect(await reply('UMGRA', 'digest lunchtime')).toBe(
        '`lunchtime` is not a time of day: use 12:00 or 4pm.',
      );
    });

    it('hands a rep to another manager and moves reps between teams', async () => {
      expect(await reply('UMGRA', 'manager <@UREP3> <@UMGRB>')).toBe(
        '<@UREP3> is a rep who reports to <@UMGRB>, in team *EMEA*.',
      );
      expect(await reply('UMGRB', 'move <@UREP3> EMEA')).toMatch(/^Only admins can move reps between teams/);
      expect(await reply('UADMIN', 'move <@UREP2> emea')).toBe(
        '<@UREP2> is a rep who reports to <@UMGRA>, in team *EMEA*.',
      );
    });

    it('makes admins (admins only)', async () => {
      expect(await reply('UADMIN', 'admin <@UMGRB|boris>')).toBe('<@UMGRB> is now an admin of the bot.');
      expect((await person('UMGRB'))?.is_admin).toBe(true);
      expect(await reply('UADMIN', 'admin <@UADMIN> off')).toMatch(
        /^You cannot remove your own admin rights/,
      );
      expect(await reply('UADMIN', 'admin <@UMGRB> off')).toMatch(/^<@UMGRB> is no longer an admin/);
    });
  });

  describe('/coach roster', () => {
    it('shows an admin the teams and everyone', async () => {
      const text = await reply('UADMIN', 'roster');
      expect(text).toContain('*Teams* (2)');
      expect(text).toContain(
        '*EMEA*: manager <@UMGRA> · standings in <#C0STAND> Fridays at 16:00 (deals) · prompts at 08:30',
      );
      for (const id of ['UADMIN', 'UMGRA', 'UMGRB', 'UREP1', 'UREP2', 'UREP3'])
        expect(text).toContain(`<@${id}>`);
    });

    it('shows a manager their reps only, with what they need to act on', async () => {
      await db()
        .updateTable('people')
        .set({ inactive_reason: 'deactivated in Slack' })
        .where('slack_user_id', '=', 'UREP2')
        .execute();
      const text = await reply('UMGRA', 'roster');
      expect(text).toContain('*Your reps* (2)');
      expect(text).toContain(
        "• <@UREP2> — rep · team EMEA · manager <@UMGRA> · 08:30 (team's time) · :warning: no messages: deactivated in Slack",
      );
      expect(text).toContain('<@UREP1>');
      expect(text).not.toContain('<@UREP3>');
    });

    it('shows a rep only their own settings, never another rep’s', async () => {
      const text = await reply('UREP1', 'roster');
      expect(text).toMatch(/^\*Your settings\*\n• <@UREP1> — rep · team EMEA/);
      for (const other of ['UREP2', 'UREP3']) expect(text).not.toContain(other);
    });

    it('shows a manager who is a rep too their own settings as well as their reps', async () => {
      expect(await reply('UADMIN', 'add <@UMGRB|boris> <@UMGRA|maya>')).toMatch(
        /^<@UMGRB> is a rep who reports to <@UMGRA>/,
      );
      const text = await reply('UMGRB', 'roster');
      expect(text).toMatch(/^\*Your settings\*\n• <@UMGRB> — rep, manager · team EMEA · manager <@UMGRA> · /);
      expect(text).toMatch(/\n\n\*Your reps\* \(1\)\n• <@UREP3> — rep/);
      expect(await reply('UMGRA', 'remove <@UMGRB>')).toBe(
        '<@UMGRB> is no longer a rep: no more daily prompts. Their history stays.',
      );
    });

    it('refuses someone who is not on the roster', async () => {
      expect(await reply('USTRANGER', 'roster')).toMatch(
        /^You are not on the roster\. Ask your manager or an admin/,
      );
    });
  });

  it('removes a rep (their manager)', async () => {
    expect(await reply('UMGRA', 'remove <@UREP1>')).toBe(
      '<@UREP1> is no longer a rep: no more daily prompts. Their history stays.',
    );
    expect(await person('UREP1')).toMatchObject({ is_rep: false, manager_id: null });
  });

  it('says so when Slack cannot be asked, and changes nothing', async () => {
    fixture.standIn.fail('users.info', { kind: 'error', error: 'fatal_error' }, { times: 5 });
    const before = await snapshot();
    expect(await reply('UMGRA', 'add <@UREP1>')).toBe(
      'I could not reach Slack to check who is who, so nothing changed. Try again in a minute.',
    );
    expect(await snapshot()).toEqual(before);
  });
});
