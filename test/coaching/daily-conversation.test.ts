import { beforeAll, describe, expect, it } from 'vitest';
import { findQuestionSet, QUESTION_SETS } from '../../src/domain/coaching/question-sets.js';
import { OUTBOX_METADATA_EVENT } from '../../src/slack/notifier.js';
import { CHECK_IN_ACTIONS, CHECK_IN_FIELDS, CHECK_IN_MODALS } from '../../src/slack/views/check-in.js';
import { escapeMrkdwn } from '../../src/slack/views/mrkdwn.js';
import { useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import {
  eventually,
  obstacleValues,
  saleValues,
  seedPerson,
  seedTeam,
  tick,
  triedValues,
} from '../support/coaching.js';

// Tuesday 24 November 2026, 09:00:30 in New York (EST, UTC−5).
const TUESDAY_9AM_NEW_YORK = '2026-11-24T14:00:30Z';

describe('the daily check-in conversation', () => {
  const clock = new MovableClock(TUESDAY_9AM_NEW_YORK);
  const fixture = useBotFixture({ clock, env: { DELIVERY_RATE_PER_MINUTE: '60000' } });
  let teamId: number;
  let repCounter = 0;

  beforeAll(async () => {
    teamId = await seedTeam(fixture.database.db, { name: 'East', timezone: 'America/New_York' });
  });

  /** A new rep on the team, prompted now: returns what the DM needs to be clicked. */
  async function promptedRep(onTeam?: number) {
    clock.set(TUESDAY_9AM_NEW_YORK);
    const slackUserId = `UREP${String(++repCounter).padStart(4, '0')}`;
    // Slack must know the rep, or the bot's daily profile refresh would mark them gone.
    fixture.standIn.addUser({ id: slackUserId, tz: 'America/New_York' });
    const personId = await seedPerson(fixture.database.db, { slackUserId, teamId: onTeam ?? teamId });
    await tick(fixture.database.db, clock);
    const checkIn = await eventually(() =>
      fixture.database.db
        .selectFrom('check_ins')
        .selectAll()
        .where('person_id', '=', personId)
        .where('prompt_ts', 'is not', null)
        .executeTakeFirst(),
    );
    const dm = fixture.standIn.messages(`D${slackUserId}`);
    return { slackUserId, personId, checkIn, channelId: checkIn.prompt_channel_id as string, dm };
  }

  function click(
    rep: { slackUserId: string; channelId: string; checkIn: { id: string; prompt_ts: string | null } },
    actionId: string,
  ) {
    return fixture.bot.driver.blockAction({
      userId: rep.slackUserId,
      actionId,
      value: rep.checkIn.id,
      channelId: rep.channelId,
      messageTs: rep.checkIn.prompt_ts as string,
    });
  }

  function checkInRow(id: string) {
    return fixture.database.db
      .selectFrom('check_ins')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  function salesOf(personId: number) {
    return fixture.database.db.selectFrom('sales').select('id').where('person_id', '=', personId).execute();
  }

  async function answersOf(checkInId: string) {
    return fixture.database.db
      .selectFrom('answers')
      .selectAll()
      .where('check_in_id', '=', checkInId)
      .execute();
  }

  it('DMs the rep at 09:00 local with Yes / No buttons, once, with the outbox id in the metadata', async () => {
    const rep = await promptedRep();
    expect(rep.channelId).toBe(`D${rep.slackUserId}`);
    expect(rep.dm).toHaveLength(1);
    const [prompt] = rep.dm;
    expect(prompt?.text).toMatch(/sell anything yesterday/i);
    const buttons = JSON.stringify(prompt?.blocks);
    expect(buttons).toContain(CHECK_IN_ACTIONS.sold);
    expect(buttons).toContain(CHECK_IN_ACTIONS.notSold);
    expect(buttons).toContain(`"value":"${rep.checkIn.id}"`);
    const outbox = await fixture.database.db
      .selectFrom('outbox_messages')
      .selectAll()
      .where('person_id', '=', rep.personId)
      .executeTakeFirstOrThrow();
    expect(outbox).toMatchObject({
      kind: 'prompt',
      status: 'sent',
      local_date: '2026-11-24',
      slack_ts: prompt?.ts,
    });
    expect(prompt?.metadata).toEqual({
      event_type: OUTBOX_METADATA_EVENT,
      event_payload: { outbox_id: outbox.id },
    });
    expect(rep.checkIn).toMatchObject({
      local_date: '2026-11-24',
      about_date: '2026-11-23',
      stage: 'prompted',
    });

    // Later ticks the same day queue nothing new for this rep.
    clock.advance(5 * 60_000);
    await tick(fixture.database.db, clock);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fixture.standIn.messages(`D${rep.slackUserId}`)).toHaveLength(1);
  });

  it('sold: Yes opens the sale modal; the submission stores the sale, tags it and redraws the DM', async () => {
    const rep = await promptedRep();
    expect((await click(rep, CHECK_IN_ACTIONS.sold)).status).toBe(200);
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    expect(open?.args).toMatchObject({
      view: { callback_id: CHECK_IN_MODALS.sale, private_metadata: rep.checkIn.id },
    });

    const submission = {
      userId: rep.slackUserId,
      callbackId: CHECK_IN_MODALS.sale,
      privateMetadata: rep.checkIn.id,
      viewId: 'VSALE0001',
      values: saleValues({
        description: '12 seats of Pro',
        amount: '1,200.50',
        currency: 'EUR',
        account: 'Acme',
        wonBecause: 'Their CFO asked for the annual plan after the pilot',
      }),
    };
    const response = await fixture.bot.driver.viewSubmission(submission);
    expect(response.status).toBe(200);
    expect(response.text).toBe('');

    const sale = await fixture.database.db
      .selectFrom('sales')
      .selectAll()
      .where('check_in_id', '=', rep.checkIn.id)
      .executeTakeFirstOrThrow();
    expect(sale).toMatchObject({
      person_id: rep.personId,
      description: '12 seats of Pro',
      amount: '1200.50',
      currency: 'EUR',
      account: 'Acme',
      closed_on: '2026-11-23',
      source: 'check_in',
    });
    const checkIn = await checkInRow(rep.checkIn.id);
    expect(checkIn).toMatchObject({ stage: 'answered', outcome: 'sold', skill: 'knows', obstacle: 'none' });

    const [update] = await fixture.standIn.waitForCalls('chat.update', 1);
    expect(update?.args).toMatchObject({ channel: rep.channelId, ts: rep.checkIn.prompt_ts });
    expect(JSON.stringify(update?.args.blocks)).toContain('Acme');

    // The same submission again (a double click on Submit) stores nothing new.
    expect((await fixture.bot.driver.viewSubmission(submission)).status).toBe(200);
    expect(await answersOf(rep.checkIn.id)).toHaveLength(1);
    expect(await salesOf(rep.personId)).toHaveLength(1);
  });

  it("sold: the sale form offers the team's reporting currency first, the bot's default without one", async () => {
    const db = fixture.database.db;
    const euroTeam = await seedTeam(db, { name: 'Paris desk', timezone: 'America/New_York' });
    await db.updateTable('teams').set({ reporting_currency: 'EUR' }).where('id', '=', euroTeam).execute();
    const preselected = (view: unknown) => {
      const blocks = (view as { blocks: Array<{ block_id?: string; element?: Record<string, unknown> }> })
        .blocks;
      const block = blocks.find((b) => b.block_id === CHECK_IN_FIELDS.saleCurrency.blockId);
      return (block?.element?.initial_option as { value?: string } | undefined)?.value;
    };

    const euroRep = await promptedRep(euroTeam);
    expect((await click(euroRep, CHECK_IN_ACTIONS.sold)).status).toBe(200);
    const [euroOpen] = await fixture.standIn.waitForCalls('views.open', 1);
    expect(euroOpen?.args).toMatchObject({ view: { callback_id: CHECK_IN_MODALS.sale } });
    // Standings and the review's status report sum only EUR for this team: USD would count as nothing.
    expect(preselected(euroOpen?.args.view)).toBe('EUR');

    // …and the form says so, under the currency.
    const hint = (view: unknown) =>
      JSON.stringify(
        (view as { blocks: Array<{ block_id?: string; hint?: unknown }> }).blocks.find(
          (b) => b.block_id === CHECK_IN_FIELDS.saleCurrency.blockId,
        )?.hint ?? null,
      );
    expect(hint(euroOpen?.args.view)).toContain("Your team's standings count EUR sales only.");

    const plainRep = await promptedRep();
    expect((await click(plainRep, CHECK_IN_ACTIONS.sold)).status).toBe(200);
    const opened = await fixture.standIn.waitForCalls('views.open', 2);
    expect(preselected(opened[1]?.args.view)).toBe('USD');
    expect(hint(opened[1]?.args.view)).toContain('count USD sales only');

    // A team ranked by the number of deals counts every currency: nothing to warn about.
    const dealsTeam = await seedTeam(db, { name: 'Deal counters', timezone: 'America/New_York' });
    await db.updateTable('teams').set({ standings_metric: 'deals' }).where('id', '=', dealsTeam).execute();
    const dealsRep = await promptedRep(dealsTeam);
    expect((await click(dealsRep, CHECK_IN_ACTIONS.sold)).status).toBe(200);
    const third = await fixture.standIn.waitForCalls('views.open', 3);
    expect(hint(third[2]?.args.view)).toBe('null');
  });

  it('tried: No → "Did you try?" in place → Yes → what happened and the skill question', async () => {
    const rep = await promptedRep();
    await click(rep, CHECK_IN_ACTIONS.notSold);
    const [asked] = await fixture.standIn.waitForCalls('chat.update', 1);
    expect(asked?.args).toMatchObject({ channel: rep.channelId, ts: rep.checkIn.prompt_ts });
    expect(JSON.stringify(asked?.args.blocks)).toContain(CHECK_IN_ACTIONS.tried);
    // A double click on "No" changes nothing more.
    await click(rep, CHECK_IN_ACTIONS.notSold);

    await click(rep, CHECK_IN_ACTIONS.tried);
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    expect(open?.args).toMatchObject({ view: { callback_id: CHECK_IN_MODALS.tried } });

    const response = await fixture.bot.driver.viewSubmission({
      userId: rep.slackUserId,
      callbackId: CHECK_IN_MODALS.tried,
      privateMetadata: rep.checkIn.id,
      values: triedValues({ whatHappened: 'Demo with Globex; they want a second call', skill: 'unsure' }),
    });
    expect(response.text).toBe('');
    const checkIn = await checkInRow(rep.checkIn.id);
    expect(checkIn).toMatchObject({
      stage: 'answered',
      outcome: 'tried',
      skill: 'unsure',
      obstacle: 'none',
      note: 'Demo with Globex; they want a second call',
    });
    const updates = await fixture.standIn.waitForCalls('chat.update', 3);
    expect(JSON.stringify(updates.at(-1)?.args.blocks)).toContain('Globex');
  });

  it('did not try: No → No → what got in the way, tagged as an obstacle (and as a skill gap for "didn\'t know how")', async () => {
    const rep = await promptedRep();
    await click(rep, CHECK_IN_ACTIONS.notSold);
    await click(rep, CHECK_IN_ACTIONS.didNotTry);
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    expect(open?.args).toMatchObject({ view: { callback_id: CHECK_IN_MODALS.obstacle } });
    await fixture.bot.driver.viewSubmission({
      userId: rep.slackUserId,
      callbackId: CHECK_IN_MODALS.obstacle,
      privateMetadata: rep.checkIn.id,
      values: obstacleValues({ obstacle: 'waiting_on_customer', detail: 'Legal review at Initech' }),
    });
    let checkIn = await checkInRow(rep.checkIn.id);
    expect(checkIn).toMatchObject({ outcome: 'did_not_try', obstacle: 'waiting_on_customer', skill: null });

    await fixture.bot.driver.viewSubmission({
      userId: rep.slackUserId,
      callbackId: CHECK_IN_MODALS.obstacle,
      privateMetadata: rep.checkIn.id,
      values: obstacleValues({ obstacle: 'did_not_know_how' }),
    });
    checkIn = await checkInRow(rep.checkIn.id);
    expect(checkIn).toMatchObject({
      outcome: 'did_not_try',
      obstacle: 'did_not_know_how',
      skill: 'does_not_know',
    });
    // Both answers are kept, oldest first, with their tags.
    expect((await answersOf(rep.checkIn.id)).map((a) => [a.outcome, a.obstacle, a.skill])).toEqual([
      ['did_not_try', 'waiting_on_customer', null],
      ['did_not_try', 'did_not_know_how', 'does_not_know'],
    ]);
  });

  it('answers bad input inline, keyed by field, and stores nothing', async () => {
    const rep = await promptedRep();
    const good = {
      description: 'Renewal',
      amount: '100',
      account: 'Umbrella',
      wonBecause: 'They compared three vendors and picked us on support',
    };
    const cases: Array<[Partial<typeof good>, string]> = [
      [{ amount: '-5' }, CHECK_IN_FIELDS.saleAmount.blockId],
      [{ amount: 'lots' }, CHECK_IN_FIELDS.saleAmount.blockId],
      [{ wonBecause: 'x'.repeat(5000) }, CHECK_IN_FIELDS.saleWonBecause.blockId],
      [{ account: '   ' }, CHECK_IN_FIELDS.saleAccount.blockId],
    ];
    for (const [change, blockId] of cases) {
      const response = await fixture.bot.driver.viewSubmission({
        userId: rep.slackUserId,
        callbackId: CHECK_IN_MODALS.sale,
        privateMetadata: rep.checkIn.id,
        values: saleValues({ ...good, ...change }),
      });
      expect(response.status).toBe(200);
      const body = response.json as { response_action: string; errors: Record<string, string> };
      expect(body.response_action).toBe('errors');
      expect(Object.keys(body.errors)).toContain(blockId);
    }
    expect(await answersOf(rep.checkIn.id)).toHaveLength(0);
    expect(await salesOf(rep.personId)).toHaveLength(0);
  });

  it('keeps replies typed in the prompt thread with the check-in, once per message', async () => {
    const rep = await promptedRep();
    const reply = {
      type: 'message',
      channel_type: 'im',
      channel: rep.channelId,
      user: rep.slackUserId,
      text: 'The Acme call moved to Thursday',
      ts: '1795000000.000100',
      thread_ts: rep.checkIn.prompt_ts,
    };
    expect((await fixture.bot.driver.event(reply)).status).toBe(200);
    // Slack's retry of the same event, and the same message delivered under a new event id.
    await fixture.bot.driver.event(reply);
    await fixture.bot.driver.event(reply);
    const replies = await eventually(async () => {
      const rows = await fixture.database.db
        .selectFrom('check_in_replies')
        .selectAll()
        .where('check_in_id', '=', rep.checkIn.id)
        .execute();
      return rows.length > 0 ? rows : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(replies.map((row) => row.text)).toEqual(['The Acme call moved to Thursday']);
    // A thread reply gets no "I only keep replies…" answer.
    expect(
      fixture.standIn.calls('chat.postMessage').filter((call) => call.args.thread_ts !== undefined),
    ).toEqual([]);
  });

  it('lets the rep change the answer until the next prompt, then refuses', async () => {
    const rep = await promptedRep();
    await fixture.bot.driver.viewSubmission({
      userId: rep.slackUserId,
      callbackId: CHECK_IN_MODALS.sale,
      privateMetadata: rep.checkIn.id,
      values: saleValues({
        description: 'Pilot',
        amount: '500',
        account: 'Hooli',
        wonBecause: 'Champion pushed it',
      }),
    });
    // "Change answer" puts the question back; this time the rep did not sell after all.
    await click(rep, CHECK_IN_ACTIONS.change);
    const [redrawn] = await fixture.standIn.waitForCalls('chat.update', 2);
    expect(JSON.stringify(redrawn?.args.blocks)).toBeDefined();
    await fixture.bot.driver.viewSubmission({
      userId: rep.slackUserId,
      callbackId: CHECK_IN_MODALS.tried,
      privateMetadata: rep.checkIn.id,
      values: triedValues({ whatHappened: 'Hooli pilot is not signed yet', skill: 'knows' }),
    });
    const sales = await fixture.database.db
      .selectFrom('sales')
      .select('id')
      .where('check_in_id', '=', rep.checkIn.id)
      .execute();
    expect(sales).toEqual([]);
    expect((await answersOf(rep.checkIn.id)).map((a) => a.outcome)).toEqual(['sold', 'tried']);

    // Wednesday 09:00 in New York: the next prompt goes out, and Tuesday's check-in is closed.
    clock.set('2026-11-25T14:00:30Z');
    await tick(fixture.database.db, clock);
    await eventually(() =>
      fixture.database.db
        .selectFrom('check_ins')
        .select('id')
        .where('person_id', '=', rep.personId)
        .where('local_date', '=', '2026-11-25')
        .where('prompt_ts', 'is not', null)
        .executeTakeFirst(),
    );
    const late = await fixture.bot.driver.viewSubmission({
      userId: rep.slackUserId,
      callbackId: CHECK_IN_MODALS.sale,
      privateMetadata: rep.checkIn.id,
      values: saleValues({ description: 'Pilot', amount: '500', account: 'Hooli', wonBecause: 'late' }),
    });
    expect(late.json).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(late.json)).toMatch(/next prompt|until/i);
    const updatesBefore = fixture.standIn.calls('chat.update').length;
    await click(rep, CHECK_IN_ACTIONS.sold);
    const [notice] = await fixture.standIn.waitForCalls('response_url', 1);
    expect(notice?.args).toMatchObject({ response_type: 'ephemeral' });
    expect(await answersOf(rep.checkIn.id)).toHaveLength(2);
    // The clicked DM is drawn as it ended: the answer kept, no button left to click in vain.
    const updates = await fixture.standIn.waitForCalls('chat.update', updatesBefore + 1);
    const closed = updates[updatesBefore];
    expect(closed?.args).toMatchObject({ channel: rep.channelId, ts: rep.checkIn.prompt_ts });
    const blocks = JSON.stringify(closed?.args.blocks);
    expect(blocks).toContain('This check-in closed when the next prompt went out.');
    expect(blocks).toContain('Hooli pilot is not signed yet');
    expect(blocks).not.toContain('"type":"button"');
  });

  it("rotates one question of the rep's question set into each day's prompt", async () => {
    clock.set(TUESDAY_9AM_NEW_YORK);
    const slackUserId = 'UQUESTIONS1';
    fixture.standIn.addUser({ id: slackUserId, tz: 'America/New_York' });
    const personId = await seedPerson(fixture.database.db, {
      slackUserId,
      teamId,
      questionSet: 'top-performer',
    });
    const set = findQuestionSet('top-performer');
    const promptOn = async (instant: string, date: string) => {
      clock.set(instant);
      await tick(fixture.database.db, clock);
      return eventually(() =>
        fixture.database.db
          .selectFrom('check_ins')
          .selectAll()
          .where('person_id', '=', personId)
          .where('local_date', '=', date)
          .where('prompt_ts', 'is not', null)
          .executeTakeFirst(),
      );
    };
    const tuesday = await promptOn(TUESDAY_9AM_NEW_YORK, '2026-11-24');
    const wednesday = await promptOn('2026-11-25T14:00:30Z', '2026-11-25');
    expect([tuesday.question, wednesday.question]).toEqual(set?.questions.slice(0, 2));
    const posted = fixture.standIn.messages(`D${slackUserId}`);
    expect(JSON.stringify(posted.at(-1)?.blocks)).toContain(escapeMrkdwn(set?.questions[1] ?? '-'));
  });

  it("asks a question set's question about the same day as the prompt: on a Monday, Friday", async () => {
    const slackUserId = 'UMONDAY';
    fixture.standIn.addUser({ id: slackUserId, tz: 'America/New_York' });
    const personId = await seedPerson(fixture.database.db, { slackUserId, teamId, questionSet: 'pipeline' });
    // The set's first question is about the day the prompt asks about.
    // Monday 30 November, 09:00 in New York.
    clock.set('2026-11-30T14:00:30Z');
    await tick(fixture.database.db, clock);
    const monday = await eventually(() =>
      fixture.database.db
        .selectFrom('check_ins')
        .selectAll()
        .where('person_id', '=', personId)
        .where('local_date', '=', '2026-11-30')
        .where('prompt_ts', 'is not', null)
        .executeTakeFirst(),
    );
    expect(monday.about_date).toBe('2026-11-27');
    const [prompt] = fixture.standIn.messages(`D${slackUserId}`);
    const text = JSON.stringify(prompt?.blocks);
    expect(text).toContain('Did you sell anything on Friday?');
    expect(monday.question).toBe(
      'How many new conversations did you start on your last workday, and with whom?',
    );
    expect(text).not.toMatch(/yesterday/i);
    // No question of any set says "yesterday" (a Monday's prompt is about Friday) or speaks as the manager.
    for (const set of QUESTION_SETS) {
      for (const question of set.questions) expect(question).not.toMatch(/\byesterday\b|\bme\b/i);
    }
  });

  it("refuses a rep who clicks another rep's check-in, and shows them nothing of it", async () => {
    const owner = await promptedRep();
    await fixture.bot.driver.viewSubmission({
      userId: owner.slackUserId,
      callbackId: CHECK_IN_MODALS.sale,
      privateMetadata: owner.checkIn.id,
      values: saleValues({
        description: 'Secret deal',
        amount: '900',
        account: 'Wayne',
        wonBecause: 'confidential',
      }),
    });
    const intruder = { ...owner, slackUserId: 'UINTRUDER01' };
    await click(intruder, CHECK_IN_ACTIONS.sold);
    const [notice] = await fixture.standIn.waitForCalls('response_url', 1);
    expect(JSON.stringify(notice?.args)).not.toContain('Secret deal');
    expect(JSON.stringify(notice?.args)).toMatch(/not yours/);
    expect(fixture.standIn.calls('views.open')).toEqual([]);

    const response = await fixture.bot.driver.viewSubmission({
      userId: intruder.slackUserId,
      callbackId: CHECK_IN_MODALS.tried,
      privateMetadata: owner.checkIn.id,
      values: triedValues({ whatHappened: 'overwrite', skill: 'knows' }),
    });
    expect(response.json).toMatchObject({ response_action: 'errors' });
    expect((await answersOf(owner.checkIn.id)).map((a) => a.outcome)).toEqual(['sold']);
  });
});
