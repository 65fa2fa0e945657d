import { beforeAll, describe, expect, it } from 'vitest';
import type { Obstacle, Outcome, Skill } from '../../src/db/schema.js';
import { OUTBOX_METADATA_EVENT } from '../../src/slack/notifier.js';
import { CHECK_IN_MODALS } from '../../src/slack/views/check-in.js';
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
  WORKSPACE_ID,
} from '../support/coaching.js';

// Wednesday 25 November 2026 in Chicago (CST, UTC−6).
const at = (localTime: string) => new Date(`2026-11-25T${localTime}-06:00`);

describe('reminders and the manager digest', () => {
  const clock = new MovableClock(at('08:00:00'));
  const fixture = useBotFixture({
    clock,
    env: { DELIVERY_RATE_PER_MINUTE: '60000', DELIVERY_POLL_MS: '20' },
  });
  const reps = ['UANNA', 'UBORIS', 'UCHLOE', 'UDAVID', 'UEMMA', 'UFELIX', 'UGRACE', 'UHUGO'];
  const ids = new Map<string, number>();
  let managerId: number;
  let lateTeamRep: number;

  async function settled() {
    await eventually(async () => {
      const open = await fixture.database.db
        .selectFrom('outbox_messages')
        .select('id')
        .where('status', 'in', ['pending', 'sending'])
        .limit(1)
        .executeTakeFirst();
      return open === undefined ? true : undefined;
    });
  }

  async function checkInOf(slackUserId: string) {
    return fixture.database.db
      .selectFrom('check_ins')
      .selectAll()
      .where('person_id', '=', ids.get(slackUserId) as number)
      .where('local_date', '=', '2026-11-25')
      .executeTakeFirstOrThrow();
  }

  /** Earlier days, written straight into the history the digest reads. */
  async function pastDay(
    slackUserId: string,
    date: string,
    answer: { outcome: Outcome; skill?: Skill | null; obstacle?: Obstacle | null; note?: string },
  ) {
    await fixture.database.db
      .insertInto('check_ins')
      .values({
        workspace_id: WORKSPACE_ID,
        person_id: ids.get(slackUserId) as number,
        local_date: date,
        about_date: date,
        stage: 'answered',
        outcome: answer.outcome,
        skill: answer.skill ?? null,
        obstacle: answer.obstacle ?? 'none',
        note: answer.note ?? null,
        prompted_at: new Date(`${date}T15:00:00Z`),
        answered_at: new Date(`${date}T15:30:00Z`),
      })
      .execute();
  }

  beforeAll(async () => {
    const db = fixture.database.db;
    // Slack knows everyone before the roster does: the bot's profile refresh marks unknown people gone.
    fixture.standIn.addUser({ id: 'UMANAGER', tz: 'America/Chicago' });
    managerId = await seedPerson(db, {
      slackUserId: 'UMANAGER',
      name: 'Maria',
      isRep: false,
      isManager: true,
      timezone: 'America/Chicago',
      digestTime: '12:00',
    });
    const teamId = await seedTeam(db, {
      name: 'Central',
      timezone: 'America/Chicago',
      managerId,
      reminderDelayMinutes: 120,
    });
    for (const slackUserId of reps) {
      fixture.standIn.addUser({ id: slackUserId, tz: 'America/Chicago' });
      ids.set(
        slackUserId,
        await seedPerson(db, { slackUserId, name: slackUserId.slice(1), teamId, managerId }),
      );
    }
    // A team whose working day ends at 10:00: a reminder two hours after a 09:00 prompt would fall outside it.
    const shortDayTeam = await seedTeam(db, {
      name: 'Short day',
      timezone: 'America/Chicago',
      reminderDelayMinutes: 120,
      workingHours: ['08:00', '10:00'],
    });
    fixture.standIn.addUser({ id: 'ULATE', tz: 'America/Chicago' });
    lateTeamRep = await seedPerson(db, { slackUserId: 'ULATE', teamId: shortDayTeam });

    // History: Boris did not try on Monday and Tuesday (and again today: a streak); Chloe named
    // "no pipeline" on two earlier days and does again today (three in two weeks).
    await pastDay('UBORIS', '2026-11-23', { outcome: 'did_not_try', obstacle: 'admin_work' });
    await pastDay('UBORIS', '2026-11-24', { outcome: 'did_not_try', obstacle: 'waiting_on_customer' });
    await pastDay('UCHLOE', '2026-11-17', { outcome: 'did_not_try', obstacle: 'no_pipeline' });
    await pastDay('UCHLOE', '2026-11-18', { outcome: 'tried', skill: 'knows' });
    await pastDay('UCHLOE', '2026-11-19', { outcome: 'did_not_try', obstacle: 'no_pipeline' });
    await pastDay('UCHLOE', '2026-11-23', { outcome: 'tried', skill: 'knows' });
    await pastDay('UCHLOE', '2026-11-24', { outcome: 'sold' });
    await pastDay('UANNA', '2026-11-24', { outcome: 'did_not_try', obstacle: 'admin_work' });
  });

  it('reminds only those who have not answered, with how many teammates have, inside working hours; redraws the reminder once answered', async () => {
    const db = fixture.database.db;
    clock.set(at('09:00:30'));
    await tick(db, clock);
    await settled();
    expect(fixture.standIn.calls('chat.postMessage')).toHaveLength(reps.length + 1);

    // Six of the eight answer, through the DM's modals.
    const answer = async (
      slackUserId: string,
      callbackId: string,
      values: Parameters<typeof fixture.bot.driver.viewSubmission>[0]['values'],
    ) => {
      const checkIn = await checkInOf(slackUserId);
      const response = await fixture.bot.driver.viewSubmission({
        userId: slackUserId,
        callbackId,
        privateMetadata: checkIn.id,
        values,
      });
      expect(response.text).toBe('');
    };
    await answer(
      'UANNA',
      CHECK_IN_MODALS.sale,
      saleValues({
        description: 'Annual plan',
        amount: '4800',
        account: 'Acme',
        wonBecause: 'Their COO asked for it',
      }),
    );
    await answer(
      'UBORIS',
      CHECK_IN_MODALS.obstacle,
      obstacleValues({ obstacle: 'admin_work', detail: 'Quarter-end reports' }),
    );
    await answer('UCHLOE', CHECK_IN_MODALS.obstacle, obstacleValues({ obstacle: 'no_pipeline' }));
    await answer(
      'UDAVID',
      CHECK_IN_MODALS.tried,
      triedValues({ whatHappened: 'Called Globex, no decision', skill: 'does_not_know' }),
    );
    await answer(
      'UEMMA',
      CHECK_IN_MODALS.tried,
      triedValues({ whatHappened: 'Demo went well', skill: 'knows' }),
    );
    await answer(
      'UFELIX',
      CHECK_IN_MODALS.tried,
      triedValues({ whatHappened: 'Sent the proposal', skill: 'unsure' }),
    );

    // The prompt went out at 09:00:30: 10:59 is before the reminder is due, 11:01 after.
    clock.set(at('10:59:00'));
    await tick(db, clock);
    expect(
      await db.selectFrom('outbox_messages').select('id').where('kind', '=', 'reminder').execute(),
    ).toEqual([]);
    clock.set(at('11:01:00'));
    await tick(db, clock);
    await settled();

    const reminders = await db
      .selectFrom('outbox_messages as o')
      .innerJoin('people as p', 'p.id', 'o.person_id')
      .select(['p.slack_user_id', 'o.status', 'o.slack_ts'])
      .where('o.kind', '=', 'reminder')
      .execute();
    expect(reminders.map((row) => row.slack_user_id).sort()).toEqual(['UGRACE', 'UHUGO']);
    expect(reminders.every((row) => row.status === 'sent')).toBe(true);
    for (const slackUserId of ['UGRACE', 'UHUGO']) {
      const [, reminder] = fixture.standIn.messages(`D${slackUserId}`);
      expect(reminder?.metadata?.event_type).toBe(OUTBOX_METADATA_EVENT);
      expect(JSON.stringify(reminder?.blocks)).toContain('6 of 7 teammates have answered');
    }
    // The short-day rep was prompted at 09:00 but gets no reminder after their 10:00 end of day.
    expect(
      await db.selectFrom('outbox_messages').select('kind').where('person_id', '=', lateTeamRep).execute(),
    ).toEqual([{ kind: 'prompt' }]);

    // One reminder a day: later ticks add nothing.
    clock.set(at('11:59:00'));
    await tick(db, clock);
    expect(
      await db.selectFrom('outbox_messages').select('id').where('kind', '=', 'reminder').execute(),
    ).toHaveLength(2);

    // Once answered, from either DM, the reminder shows the answer and no longer asks.
    const grace = await checkInOf('UGRACE');
    const [prompt, reminder] = fixture.standIn.messages('DUGRACE');
    const buttonsOf = (message: typeof prompt) =>
      ((message?.blocks ?? []) as Array<{ type: string; elements?: Array<{ action_id?: string }> }>)
        .filter((block) => block.type === 'actions')
        .flatMap((block) => (block.elements ?? []).map((element) => element.action_id));
    expect(buttonsOf(reminder)).toEqual(['check_in_sold', 'check_in_not_sold']);

    // The rep deleted the morning DM: Slack will not update it, and the reminder still must be.
    fixture.standIn.fail(
      'chat.update',
      { kind: 'error', error: 'message_not_found' },
      { when: (call) => call.args.ts === prompt?.ts },
    );
    const submitted = await fixture.bot.driver.viewSubmission({
      userId: 'UGRACE',
      callbackId: CHECK_IN_MODALS.tried,
      privateMetadata: grace.id,
      values: triedValues({ whatHappened: 'Left two voicemails', skill: 'unsure' }),
    });
    expect(submitted.text).toBe('');
    await eventually(async () =>
      fixture.standIn.messages('DUGRACE')[1]?.text.startsWith('Recorded') ? true : undefined,
    );
    const [promptAfter, reminderAfter] = fixture.standIn.messages('DUGRACE');
    expect(buttonsOf(reminderAfter)).toEqual([]);
    expect(JSON.stringify(reminderAfter?.blocks)).toContain('Left two voicemails');
    expect(JSON.stringify(reminderAfter?.blocks)).toContain('*Change answer* on the check-in above');
    expect(promptAfter?.text).toBe(prompt?.text);
    expect(
      fixture.standIn
        .calls('chat.update')
        .filter((call) => call.args.ts === prompt?.ts)
        .map((call) => call.ok),
    ).toEqual([false]);
    expect(await checkInOf('UGRACE')).toMatchObject({ outcome: 'tried', note: 'Left two voicemails' });
    // The answer is in and the form closed cleanly: a failed redraw is logged, not sent to the rep.
    const logged = await eventually(async () => {
      const failures = fixture.bot.logs.entries().filter((entry) => entry.msg === 'a Slack listener failed');
      return failures.length > 0 ? failures : undefined;
    });
    expect(logged).toMatchObject([
      {
        request: { slackUserId: 'UGRACE', callbackId: CHECK_IN_MODALS.tried },
        err: { message: /message_not_found/ },
      },
    ]);
    expect(
      fixture.standIn
        .calls('chat.postMessage')
        .filter((call) => String(call.args.text).includes('went wrong')),
    ).toEqual([]);
  });

  it('keeps a reply typed under the reminder with that day’s check-in', async () => {
    const reminder = await fixture.database.db
      .selectFrom('outbox_messages')
      .select(['slack_channel_id', 'slack_ts'])
      .where('person_id', '=', ids.get('UGRACE') as number)
      .where('kind', '=', 'reminder')
      .executeTakeFirstOrThrow();
    expect(reminder.slack_ts).not.toBeNull();
    const reply = {
      type: 'message',
      channel_type: 'im',
      channel: reminder.slack_channel_id,
      user: 'UGRACE',
      text: 'Sorry, on the road all morning. Will answer tonight.',
      ts: '1795000000.000200',
      thread_ts: reminder.slack_ts,
    };
    expect((await fixture.bot.driver.event(reply)).status).toBe(200);
    const checkIn = await checkInOf('UGRACE');
    const replies = await eventually(async () => {
      const rows = await fixture.database.db
        .selectFrom('check_in_replies')
        .select('text')
        .where('check_in_id', '=', checkIn.id)
        .execute();
      return rows.length > 0 ? rows : undefined;
    });
    expect(replies).toEqual([{ text: 'Sorry, on the road all morning. Will answer tonight.' }]);
  });

  it("sends the manager one digest at 12:00 with each rep's day and the flags worth a conversation", async () => {
    const db = fixture.database.db;
    // Grace answers after her reminder; Hugo never does.
    const grace = await checkInOf('UGRACE');
    const graceAnswer = await fixture.bot.driver.viewSubmission({
      userId: 'UGRACE',
      callbackId: CHECK_IN_MODALS.tried,
      privateMetadata: grace.id,
      values: triedValues({ whatHappened: 'Two calls, one follow-up booked', skill: 'knows' }),
    });
    expect(graceAnswer.text).toBe('');
    clock.set(at('12:00:30'));
    await tick(db, clock);
    await settled();

    const digests = await db.selectFrom('outbox_messages').selectAll().where('kind', '=', 'digest').execute();
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ person_id: managerId, status: 'sent', local_date: '2026-11-25' });
    const posted = fixture.standIn.messages('DUMANAGER');
    expect(posted).toHaveLength(1);
    const digest = JSON.stringify(posted[0]?.blocks);
    expect(digest).toContain("1 sold · 4 tried · 2 didn't try · 1 no answer");
    expect(digest).toContain('Acme');
    // Flags on the right reps: Boris's streak, Chloe's repeated obstacle, David's "didn't know".
    const flagged = (rep: string) => {
      const blocks = (posted[0]?.blocks ?? []) as Array<{ block_id?: string; text?: { text: string } }>;
      const block = blocks.find(
        (b) => b.block_id?.startsWith('digest_flags_') && b.text?.text.includes(`<@${rep}>`),
      );
      return block?.text?.text ?? '';
    };
    expect(flagged('UBORIS')).toMatch(/didn't try 3 workdays running/);
    expect(flagged('UCHLOE')).toMatch(/No pipeline.*3 times/);
    expect(flagged('UDAVID')).toMatch(/didn't know what to do/);
    for (const calm of ['UANNA', 'UEMMA', 'UFELIX', 'UGRACE', 'UHUGO']) expect(flagged(calm)).toBe('');

    // Another tick in the same day sends no second digest.
    clock.set(at('12:30:00'));
    await tick(db, clock);
    await settled();
    expect(fixture.standIn.messages('DUMANAGER')).toHaveLength(1);
  });
});
