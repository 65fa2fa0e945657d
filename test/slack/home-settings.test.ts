import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../src/domain/coaching/schedule.js';
import { formatDateRange } from '../../src/slack/views/dates.js';
import { HOME_ACTIONS, HOME_FIELDS, HOME_MODALS, HOME_NOTICE_BLOCK } from '../../src/slack/views/home.js';
import { coachCommand, publishedHomeView, setUpEmeaTeam, useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import { seedPerson, seedTeam } from '../support/coaching.js';

type Field = { blockId: string; actionId: string };

/** The App Home settings over signed HTTP: the tab per viewer, its buttons, its modals. */
describe('App Home settings', () => {
  // Real time, but for the tests that set an instant where a viewer's date is not UTC's.
  const clock = new MovableClock();
  const fixture = useBotFixture({ clock });
  const db = () => fixture.database.db;
  afterEach(() => clock.set(new Date()));

  const person = (slackUserId: string) =>
    db().selectFrom('people').selectAll().where('slack_user_id', '=', slackUserId).executeTakeFirstOrThrow();
  const snapshot = async () => ({
    people: await db().selectFrom('people').selectAll().orderBy('id').execute(),
    teams: await db().selectFrom('teams').selectAll().orderBy('id').execute(),
    outOfOffice: await db().selectFrom('out_of_office').selectAll().orderBy('id').execute(),
  });

  const coach = (userId: string, text: string) => coachCommand(fixture, userId, text);
  /** As if the daily profile refresh last looked at them a day ago: their next request asks Slack. */
  const profileCheckedLongAgo = (slackUserId: string) =>
    db()
      .updateTable('people')
      .set({ profile_checked_at: new Date(clock.now().getTime() - 24 * 60 * 60 * 1000) })
      .where('slack_user_id', '=', slackUserId)
      .execute();
  const usersInfoAbout = (slackUserId: string) =>
    fixture.standIn.calls('users.info').filter((call) => call.args.user === slackUserId);

  async function publishedHome(userId: string, count: number) {
    const view = await publishedHomeView(fixture, userId, count);
    return { view, json: JSON.stringify(view.blocks) };
  }

  async function openHome(userId: string) {
    const before = fixture.standIn
      .calls('views.publish')
      .filter((call) => call.args.user_id === userId).length;
    const response = await fixture.bot.driver.event({
      type: 'app_home_opened',
      user: userId,
      channel: `D${userId}`,
      tab: 'home',
    });
    expect(response.status).toBe(200);
    return publishedHome(userId, before + 1);
  }

  const click = (userId: string, actionId: string, value?: string, triggerId?: string) =>
    fixture.bot.driver.blockAction({
      userId,
      actionId,
      ...(value === undefined ? {} : { value }),
      ...(triggerId ? { triggerId } : {}),
      view: { type: 'home' },
    });

  const at = (field: Field, state: Record<string, unknown>) => ({
    [field.blockId]: { [field.actionId]: state },
  });
  const submit = (
    userId: string,
    callbackId: string,
    values: Record<string, Record<string, unknown>>,
    privateMetadata = '',
  ) => fixture.bot.driver.viewSubmission({ userId, callbackId, values, privateMetadata });

  const today = () => localDate(new Date(), 'UTC');

  /** The refusal a drawing of the tab shows under its title, if any. */
  const noticeOf = (view: { blocks: Array<Record<string, unknown>> }) => {
    const index = view.blocks.findIndex((block) => block.block_id === HOME_NOTICE_BLOCK);
    if (index === -1) return undefined;
    expect(index).toBe(1);
    return (view.blocks[index]?.text as { text: string } | undefined)?.text;
  };

  beforeAll(async () => {
    await setUpEmeaTeam(fixture, [
      { id: 'UMGRB', real_name: 'Boris Manager' },
      { id: 'UREP3', real_name: 'Tom Rep' },
      { id: 'USTRANGER', real_name: 'Stranger' },
    ]);
    await coach('UADMIN', 'add <@UREP3> <@UMGRB>');
  });

  describe('the tab each viewer sees', () => {
    it('shows a rep their own settings and nobody else’s', async () => {
      const { json } = await openHome('UREP1');
      expect(json).toContain("Prompt at *09:00* (your team's time) on workdays. Active.");
      expect(json).toContain(HOME_ACTIONS.pause);
      expect(json).not.toContain('UREP2');
      expect(json).not.toContain('UREP3');
      expect(json).not.toContain(HOME_ACTIONS.editTeam);
    });

    it('shows a manager their own reps only', async () => {
      await db()
        .updateTable('people')
        .set({ inactive_reason: 'deactivated in Slack' })
        .where('slack_user_id', '=', 'UREP2')
        .execute();
      const { json } = await openHome('UMGR');
      expect(json).toContain('Your reps (2)');
      expect(json).toContain('<@UREP1>');
      expect(json).toContain(':warning: no messages: deactivated in Slack');
      expect(json).not.toContain('UREP3');
      expect(json).not.toContain(HOME_ACTIONS.editTeam);
      await db()
        .updateTable('people')
        .set({ inactive_reason: null })
        .where('slack_user_id', '=', 'UREP2')
        .execute();
    });

    it('shows a manager who is also a rep their own prompt above their reps', async () => {
      const setManagerRep = (isRep: boolean, promptTime: string | null) =>
        db()
          .updateTable('people')
          .set({ is_rep: isRep, prompt_time: promptTime })
          .where('slack_user_id', '=', 'UMGRB')
          .execute();
      await setManagerRep(true, '07:15');
      try {
        const { json } = await openHome('UMGRB');
        expect(json).toContain('Prompt at *07:15* (your own time) on workdays. Active.');
        expect(json).toContain('Your reps (1)');
        expect(json).toContain('<@UREP3>');
        expect(json).not.toContain('• <@UMGRB>');
      } finally {
        await setManagerRep(false, null);
      }
    });

    it('shows an admin the teams with Edit team', async () => {
      const team = await db()
        .selectFrom('teams')
        .select('id')
        .where('name', '=', 'EMEA')
        .executeTakeFirstOrThrow();
      const { view } = await openHome('UADMIN');
      expect(view.blocks).toContainEqual(
        expect.objectContaining({
          block_id: `home_team_${team.id}`,
          accessory: expect.objectContaining({ action_id: HOME_ACTIONS.editTeam, value: String(team.id) }),
        }),
      );
    });

    it('tells someone not on the roster how to join', async () => {
      const { json } = await openHome('USTRANGER');
      expect(json).toContain('You are not on the roster yet');
    });
  });

  describe('a rep’s buttons and modals', () => {
    it('pauses and resumes, redrawing the tab each time', async () => {
      // A row the profile refresh has not looked at lately: the click must ask Slack who this is.
      await profileCheckedLongAgo('UREP1');
      expect((await click('UREP1', HOME_ACTIONS.pause)).status).toBe(200);
      let home = await publishedHome('UREP1', 1);
      expect((await person('UREP1')).paused_at).not.toBeNull();
      expect(home.json).toContain(HOME_ACTIONS.resume);
      expect(home.json).toContain('*Paused*');
      // One users.info for the change and the tab together.
      expect(usersInfoAbout('UREP1')).toHaveLength(1);

      await click('UREP1', HOME_ACTIONS.resume);
      home = await publishedHome('UREP1', 2);
      expect((await person('UREP1')).paused_at).toBeNull();
      expect(home.json).toContain(HOME_ACTIONS.pause);
    });

    it('says on the redrawn tab why Pause was refused, on that drawing only', async () => {
      const before = await snapshot();
      // Not a rep: an old tab from when they were one, say.
      expect((await click('USTRANGER', HOME_ACTIONS.pause)).status).toBe(200);
      const refused = await publishedHome('USTRANGER', 1);
      expect(noticeOf(refused.view)).toMatch(/^:warning: You are not on the roster as a rep/);
      expect(await snapshot()).toEqual(before);
      // The redraw reuses who the click came from: someone without a row costs a users.info for every
      // look-up, and the change and the tab together cost one.
      expect(usersInfoAbout('USTRANGER')).toHaveLength(1);
      // Nothing failed: nobody is told anything else.
      await fixture.bot.bot.listenersIdle(2_000);
      expect(fixture.standIn.calls('chat.postMessage')).toEqual([]);

      const { view } = await openHome('USTRANGER');
      expect(noticeOf(view)).toBeUndefined();
    });

    it('says Slack could not be reached when Clear days off cannot check who clicked', async () => {
      await profileCheckedLongAgo('UREP1');
      fixture.standIn.fail(
        'users.info',
        { kind: 'error', error: 'internal_error' },
        { when: (call) => call.args.user === 'UREP1' },
      );
      await click('UREP1', HOME_ACTIONS.clearOutOfOffice);
      const { view } = await publishedHome('UREP1', 1);
      expect(noticeOf(view)).toBe(
        ':warning: I could not reach Slack to check who is who, so nothing changed. Try again in a minute.',
      );
      // The redraw asked again, and drew the rep's own settings under the notice.
      expect(JSON.stringify(view.blocks)).toContain(HOME_ACTIONS.pause);
    });

    it('opens the out-of-office modal with the click’s trigger, at the viewer’s date', async () => {
      // 22:00 on Wednesday in Los Angeles (UREP1's zone in Slack), already Thursday in UTC.
      clock.set('2026-11-26T06:00:00Z');
      await click('UREP1', HOME_ACTIONS.openOutOfOffice, undefined, '13345224609.738474920.ooo');
      const [open] = await fixture.standIn.waitForCalls('views.open', 1);
      expect(open?.args).toMatchObject({
        trigger_id: '13345224609.738474920.ooo',
        view: {
          callback_id: HOME_MODALS.outOfOffice,
          blocks: [{ element: { initial_date: '2026-11-25' } }, { element: { initial_date: '2026-11-25' } }],
        },
      });
    });

    it.each([
      // 01:00 on Thursday in Auckland, still Wednesday in UTC.
      ['their own zone', 'UAUCKLAND', 'Pacific/Auckland', null, '2026-11-25T12:00:00Z', '2026-11-26'],
      // 20:00 on Wednesday in Honolulu, already Thursday in UTC.
      [
        'their team’s zone when their profile has none',
        'UHONOLULU',
        null,
        'Pacific/Honolulu',
        '2026-11-26T06:00:00Z',
        '2026-11-25',
      ],
    ])(
      'starts the out-of-office modal on the viewer’s date in %s',
      async (_, userId, zone, teamZone, instant, date) => {
        fixture.standIn.addUser({ id: userId, tz: zone });
        const teamId = teamZone === null ? null : await seedTeam(db(), { name: userId, timezone: teamZone });
        await seedPerson(db(), { slackUserId: userId, timezone: zone, teamId });
        clock.set(instant);
        await click(userId, HOME_ACTIONS.openOutOfOffice, undefined, `trigger.${userId}`);
        const [open] = await fixture.standIn.waitForCalls('views.open', 1);
        expect(open?.args.view).toMatchObject({ blocks: [{ element: { initial_date: date } }, {}] });
      },
    );

    const range = (first: string | null, last: string | null) => ({
      ...at(HOME_FIELDS.firstDay, { type: 'datepicker', selected_date: first }),
      ...at(HOME_FIELDS.lastDay, { type: 'datepicker', selected_date: last }),
    });

    it.each([
      ['the last day before the first', 30, 29, HOME_FIELDS.lastDay.blockId, /is before the first/],
      ['more than a year', 30, 500, HOME_FIELDS.lastDay.blockId, /longer than a year/],
      ['a range already over', -40, -30, HOME_FIELDS.lastDay.blockId, /already over/],
    ])(
      'answers %s with an inline error on that field, storing nothing',
      async (_, first, last, block, message) => {
        const before = await snapshot();
        const response = await submit(
          'UREP1',
          HOME_MODALS.outOfOffice,
          range(addDays(today(), first), addDays(today(), last)),
        );
        expect(response.status).toBe(200);
        expect(response.json).toMatchObject({
          response_action: 'errors',
          errors: { [block]: expect.stringMatching(message) },
        });
        expect(Object.keys((response.json as { errors: object }).errors)).toEqual([block]);
        expect(await snapshot()).toEqual(before);
      },
    );

    it('answers an empty first day on the first field', async () => {
      const response = await submit('UREP1', HOME_MODALS.outOfOffice, range(null, addDays(today(), 3)));
      expect(response.json).toMatchObject({
        response_action: 'errors',
        errors: { [HOME_FIELDS.firstDay.blockId]: expect.stringContaining('is not a date') },
      });
    });

    it('stores a good range, closes the modal and shows the range on the tab', async () => {
      const first = addDays(today(), 20);
      const last = addDays(today(), 24);
      const response = await submit('UREP1', HOME_MODALS.outOfOffice, range(first, last));
      expect(response.status).toBe(200);
      expect(response.text).toBe('');
      const rep = await person('UREP1');
      const stored = await db()
        .selectFrom('out_of_office')
        .selectAll()
        .where('person_id', '=', rep.id)
        .execute();
      expect(stored).toMatchObject([{ first_day: first, last_day: last }]);
      const { json } = await publishedHome('UREP1', 1);
      expect(json).toContain(`Out of office: ${formatDateRange(first, last)}.`);
      expect(json).toContain(HOME_ACTIONS.clearOutOfOffice);
    });

    it('clears days off from the tab', async () => {
      await click('UREP1', HOME_ACTIONS.clearOutOfOffice);
      const { json } = await publishedHome('UREP1', 1);
      expect(json).toContain('No days off planned.');
      const rep = await person('UREP1');
      expect(
        await db().selectFrom('out_of_office').selectAll().where('person_id', '=', rep.id).execute(),
      ).toEqual([]);
    });

    it('refuses days off to someone who is not a rep, inline', async () => {
      const before = await snapshot();
      const response = await submit(
        'USTRANGER',
        HOME_MODALS.outOfOffice,
        range(addDays(today(), 3), addDays(today(), 4)),
      );
      expect(response.json).toMatchObject({
        response_action: 'errors',
        errors: {
          [HOME_FIELDS.firstDay.blockId]: expect.stringMatching(/^You are not on the roster as a rep/),
        },
      });
      expect(await snapshot()).toEqual(before);
    });

    it('opens the prompt time at the time shown, and stores a new one or the team’s', async () => {
      await click('UREP1', HOME_ACTIONS.openPromptTime, '09:00');
      const [open] = await fixture.standIn.waitForCalls('views.open', 1);
      expect(open?.args).toMatchObject({
        view: {
          callback_id: HOME_MODALS.promptTime,
          blocks: [{ element: { type: 'timepicker', initial_time: '09:00' } }],
        },
      });

      const picked = await submit(
        'UREP1',
        HOME_MODALS.promptTime,
        at(HOME_FIELDS.promptTime, { type: 'timepicker', selected_time: '07:45' }),
      );
      expect(picked.text).toBe('');
      expect((await person('UREP1')).prompt_time).toBe('07:45:00');
      expect((await publishedHome('UREP1', 1)).json).toContain('Prompt at *07:45* (your own time)');

      await submit(
        'UREP1',
        HOME_MODALS.promptTime,
        at(HOME_FIELDS.promptTime, { type: 'timepicker', selected_time: null }),
      );
      expect((await person('UREP1')).prompt_time).toBeNull();
      expect((await publishedHome('UREP1', 2)).json).toContain("(your team's time)");
    });
  });

  describe('an admin’s team settings', () => {
    const teamId = async () =>
      (await db().selectFrom('teams').select('id').where('name', '=', 'EMEA').executeTakeFirstOrThrow()).id;

    const teamValues = (
      overrides: Partial<Record<keyof typeof HOME_FIELDS, Record<string, unknown>>> = {},
    ) => {
      const F = HOME_FIELDS;
      const fields = {
        teamPromptTime: { type: 'timepicker', selected_time: '08:00' },
        workdays: {
          type: 'checkboxes',
          selected_options: [1, 2, 3, 4, 7].map((day) => ({ value: String(day) })),
        },
        holidayCountry: { type: 'plain_text_input', value: 'il' },
        timeZone: { type: 'plain_text_input', value: 'Asia/Jerusalem' },
        standingsChannel: { type: 'conversations_select', selected_conversation: 'C0STAND' },
        reminderDelay: { type: 'number_input', value: '60' },
        standingsWeekday: { type: 'static_select', selected_option: { value: '2' } },
        standingsTime: { type: 'timepicker', selected_time: '10:30' },
        standingsMetric: { type: 'radio_buttons', selected_option: { value: 'deals' } },
        reportingCurrency: { type: 'plain_text_input', value: 'ils' },
        ...overrides,
      };
      return Object.assign(
        {},
        ...Object.entries(fields).map(([name, state]) => at(F[name as keyof typeof F], state)),
      );
    };

    it('opens the team form for an admin, filled with the team’s settings', async () => {
      await click('UADMIN', HOME_ACTIONS.editTeam, String(await teamId()));
      const [open] = await fixture.standIn.waitForCalls('views.open', 1);
      expect(open?.args.view).toMatchObject({
        callback_id: HOME_MODALS.team,
        private_metadata: JSON.stringify({ teamId: await teamId() }),
      });
      expect(JSON.stringify(open?.args.view)).toContain('"initial_time":"09:00"');
    });

    it('does not open it for someone who is not an admin, and redraws their tab with why', async () => {
      await click('UMGR', HOME_ACTIONS.editTeam, String(await teamId()));
      const { view } = await publishedHome('UMGR', 1);
      expect(fixture.standIn.calls('views.open')).toHaveLength(0);
      expect(noticeOf(view)).toMatch(/^:warning: Only admins can .* Ask an admin \(<@UADMIN>\)/);
    });

    it('stores valid settings and redraws the tab', async () => {
      const response = await submit(
        'UADMIN',
        HOME_MODALS.team,
        teamValues(),
        JSON.stringify({ teamId: await teamId() }),
      );
      expect(response.text).toBe('');
      const team = await db()
        .selectFrom('teams')
        .selectAll()
        .where('id', '=', await teamId())
        .executeTakeFirstOrThrow();
      expect(team).toMatchObject({
        prompt_time: '08:00:00',
        workdays: [1, 2, 3, 4, 7],
        holiday_country: 'IL',
        timezone: 'Asia/Jerusalem',
        standings_channel_id: 'C0STAND',
        reminder_delay_minutes: 60,
        standings_weekday: 2,
        standings_time: '10:30:00',
        standings_metric: 'deals',
        reporting_currency: 'ILS',
      });
      expect((await publishedHome('UADMIN', 1)).json).toContain(
        'standings in <#C0STAND> Tuesdays at 10:30 (deals) · prompts at 08:00 · Sun–Thu · IL holidays',
      );
    });

    it('refuses a standings channel Slack cannot find on the channel field; saves one the bot is not in and says so by DM', async () => {
      const before = await snapshot();
      fixture.standIn.respond('conversations.info', () => ({ ok: false, error: 'channel_not_found' }));
      const gone = await submit(
        'UADMIN',
        HOME_MODALS.team,
        teamValues({ standingsChannel: { type: 'conversations_select', selected_conversation: 'C0GONE' } }),
        JSON.stringify({ teamId: await teamId() }),
      );
      // Plain text, as Slack shows it under the picker (which names the channel): no `<#C…>`, no backticks.
      expect(gone.json).toEqual({
        response_action: 'errors',
        errors: {
          [HOME_FIELDS.standingsChannel.blockId]:
            'I cannot see that channel: it was deleted, or it is private and I am not in it. Invite me there first (type “/invite” in the channel and pick me), then pick it again.',
        },
      });
      expect(await snapshot()).toEqual(before);

      fixture.standIn.reset();
      fixture.standIn.removeBotFromChannel('C0NOBOT');
      const saved = await submit(
        'UADMIN',
        HOME_MODALS.team,
        teamValues({ standingsChannel: { type: 'conversations_select', selected_conversation: 'C0NOBOT' } }),
        JSON.stringify({ teamId: await teamId() }),
      );
      expect(saved.text).toBe('');
      await fixture.standIn.waitForCalls('chat.postMessage', 1);
      expect(fixture.standIn.messages('UADMIN').map((message) => message.text)).toEqual([
        ':warning: I am not in <#C0NOBOT> yet, so the weekly standings cannot go there. Invite me (type `/invite` in the channel and pick me).',
      ]);
    });

    it('refuses an archived standings channel on the channel field, in plain words', async () => {
      const before = await snapshot();
      fixture.standIn.archiveChannel('C0ARCHIVED');
      const archived = await submit(
        'UADMIN',
        HOME_MODALS.team,
        teamValues({
          standingsChannel: { type: 'conversations_select', selected_conversation: 'C0ARCHIVED' },
        }),
        JSON.stringify({ teamId: await teamId() }),
      );
      expect(archived.json).toEqual({
        response_action: 'errors',
        errors: {
          [HOME_FIELDS.standingsChannel.blockId]:
            'That channel is archived. Pick a channel the team still uses.',
        },
      });
      expect(await snapshot()).toEqual(before);
    });

    it('still tells the admin by DM to invite the bot when Slack does not take the redrawn tab', async () => {
      fixture.standIn.removeBotFromChannel('C0NOBOT2');
      fixture.standIn.fail('views.publish', { kind: 'error', error: 'internal_error' });
      const logsBefore = fixture.bot.logs.lines.length;
      const saved = await submit(
        'UADMIN',
        HOME_MODALS.team,
        teamValues({ standingsChannel: { type: 'conversations_select', selected_conversation: 'C0NOBOT2' } }),
        JSON.stringify({ teamId: await teamId() }),
      );
      expect(saved.text).toBe('');
      await fixture.bot.bot.listenersIdle(2_000);
      expect(fixture.standIn.calls('views.publish')).toMatchObject([{ ok: false, error: 'internal_error' }]);
      // Only the warning: the settings were saved, so nothing tells the admin to save them again.
      expect(fixture.standIn.messages('UADMIN').map((message) => message.text)).toEqual([
        ':warning: I am not in <#C0NOBOT2> yet, so the weekly standings cannot go there. Invite me (type `/invite` in the channel and pick me).',
      ]);
      const logged = fixture.bot.logs.entries().slice(logsBefore);
      expect(logged).toContainEqual(
        expect.objectContaining({
          level: 'error',
          msg: 'could not publish the Home tab',
          slackUserId: 'UADMIN',
          err: expect.objectContaining({ message: expect.stringContaining('internal_error') }),
        }),
      );
    });

    it('answers bad values with an error on each bad field, storing nothing', async () => {
      const before = await snapshot();
      const response = await submit(
        'UADMIN',
        HOME_MODALS.team,
        teamValues({
          workdays: { type: 'checkboxes', selected_options: [] },
          holidayCountry: { type: 'plain_text_input', value: 'Atlantis' },
          timeZone: { type: 'plain_text_input', value: 'Mars/Olympus' },
          reminderDelay: { type: 'number_input', value: '5' },
          reportingCurrency: { type: 'plain_text_input', value: 'EUT' },
        }),
        JSON.stringify({ teamId: await teamId() }),
      );
      expect(response.json).toMatchObject({
        response_action: 'errors',
        errors: {
          // The validator writes mrkdwn for `/coach team`; the modal shows plain text.
          [HOME_FIELDS.holidayCountry.blockId]: expect.stringMatching(/^“Atlantis” is not a country/),
          [HOME_FIELDS.timeZone.blockId]: expect.stringMatching(/^“Mars\/Olympus” is not a time zone/),
        },
      });
      expect(Object.keys((response.json as { errors: object }).errors).sort()).toEqual(
        [
          HOME_FIELDS.workdays.blockId,
          HOME_FIELDS.holidayCountry.blockId,
          HOME_FIELDS.timeZone.blockId,
          HOME_FIELDS.reminderDelay.blockId,
          HOME_FIELDS.reportingCurrency.blockId,
        ].sort(),
      );
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a submission from a non-admin, naming the admin, and a team it does not know, storing nothing', async () => {
      const before = await snapshot();
      const refused = await submit(
        'UMGR',
        HOME_MODALS.team,
        teamValues(),
        JSON.stringify({ teamId: await teamId() }),
      );
      // The admin to ask by name, as Slack shows inline errors as plain text.
      expect(refused.json).toEqual({
        response_action: 'errors',
        errors: {
          [HOME_FIELDS.teamPromptTime.blockId]:
            'Only admins can change team settings. Ask an admin (@Ada Admin) or a Slack workspace admin.',
        },
      });
      const unknown = await submit(
        'UADMIN',
        HOME_MODALS.team,
        teamValues(),
        JSON.stringify({ teamId: 99999 }),
      );
      expect(unknown.json).toMatchObject({
        response_action: 'errors',
        errors: { [HOME_FIELDS.teamPromptTime.blockId]: 'That team no longer exists.' },
      });
      expect(await snapshot()).toEqual(before);
    });
  });
});
