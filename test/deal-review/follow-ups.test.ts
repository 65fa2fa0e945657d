import { beforeAll, describe, expect, it } from 'vitest';
import { CHECK_IN_ACTIONS, CHECK_IN_MESSAGE_BLOCKS } from '../../src/slack/views/check-in.js';
import { DIGEST_BLOCKS } from '../../src/slack/views/digest.js';
import { FOLLOW_UP_ACTIONS, FOLLOW_UP_BLOCKS } from '../../src/slack/views/follow-ups.js';
import { useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import { eventually, seedPerson, seedTeam, tick } from '../support/coaching.js';
import { findCommitment, seedCommitment, seedReview } from '../support/commitments.js';

// Tuesday 24 November 2026 in New York (EST, UTC−5).
const at = (date: string, time: string) => new Date(`${date}T${time}-05:00`);
const TUESDAY = '2026-11-24';
const WEDNESDAY = '2026-11-25';

type Block = { block_id?: string; type: string; text?: { text: string }; elements?: unknown[] };

describe('commitment follow-ups', () => {
  const clock = new MovableClock(at(TUESDAY, '08:00:00'));
  const fixture = useBotFixture({
    clock,
    // Far from UTC, so a day counted in UTC rather than in the default shows. Everyone else in this
    // file has a zone of their own or their team's.
    env: { DELIVERY_RATE_PER_MINUTE: '60000', DELIVERY_POLL_MS: '20', DEFAULT_TIMEZONE: 'Pacific/Auckland' },
  });
  let managerId: number;
  let teamId: number;
  let repCounter = 0;

  beforeAll(async () => {
    const db = fixture.database.db;
    fixture.standIn.addUser({ id: 'UMANAGER', tz: 'America/New_York' });
    managerId = await seedPerson(db, {
      slackUserId: 'UMANAGER',
      name: 'Maria',
      isRep: false,
      isManager: true,
      timezone: 'America/New_York',
      digestTime: '12:00',
    });
    teamId = await seedTeam(db, { name: 'East', timezone: 'America/New_York', managerId });
  });

  async function newRep() {
    const slackUserId = `UREP${String(++repCounter).padStart(4, '0')}`;
    // Slack must know the rep, or the bot's profile refresh would mark them gone.
    fixture.standIn.addUser({ id: slackUserId, tz: 'America/New_York' });
    const personId = await seedPerson(fixture.database.db, { slackUserId, teamId, managerId });
    const reviewId = await seedReview(fixture.database.db, {
      repId: personId,
      managerId,
      reviewedOn: '2026-11-10',
    });
    return { slackUserId, personId, reviewId };
  }

  /** The tick at 09:00 on `date`, and the rep's prompt once it is posted. */
  async function promptOn(rep: { slackUserId: string; personId: number }, date: string) {
    clock.set(at(date, '09:00:30'));
    await tick(fixture.database.db, clock);
    const checkIn = await eventually(() =>
      fixture.database.db
        .selectFrom('check_ins')
        .selectAll()
        .where('person_id', '=', rep.personId)
        .where('local_date', '=', date)
        .where('prompt_ts', 'is not', null)
        .executeTakeFirst(),
    );
    const message = fixture.standIn
      .messages(`D${rep.slackUserId}`)
      .find((posted) => posted.ts === checkIn.prompt_ts);
    if (!message) throw new Error(`no prompt for ${rep.slackUserId} on ${date}`);
    return { checkIn, message, blocks: message.blocks as Block[] };
  }

  function press(
    userId: string,
    actionId: string,
    commitmentId: string,
    where: { channel: string; ts: string; text?: string; blocks?: unknown },
  ) {
    return fixture.bot.driver.blockAction({
      userId,
      actionId,
      value: commitmentId,
      channelId: where.channel,
      messageTs: where.ts,
      message: { text: where.text ?? '', blocks: where.blocks },
    });
  }

  const lineOf = (blocks: Block[], commitmentId: string) =>
    blocks.find((block) => block.block_id === `${FOLLOW_UP_BLOCKS.linePrefix}${commitmentId}`)?.text?.text;
  const hasButtons = (blocks: Block[], commitmentId: string) =>
    blocks.some((block) => block.block_id === `${FOLLOW_UP_BLOCKS.buttonsPrefix}${commitmentId}`);

  it('asks about a commitment due tomorrow in the daily DM; Done closes it once, and it is not asked again', async () => {
    const db = fixture.database.db;
    const rep = await newRep();
    const dueTomorrow = await seedCommitment(db, {
      reviewId: rep.reviewId,
      repId: rep.personId,
      ownerId: rep.personId,
      text: 'send the proposal to Acme',
      dueOn: WEDNESDAY,
    });
    const later = await seedCommitment(db, {
      reviewId: rep.reviewId,
      repId: rep.personId,
      ownerId: rep.personId,
      text: 'book the Globex demo',
      dueOn: '2026-12-10',
    });
    const managers = await seedCommitment(db, {
      reviewId: rep.reviewId,
      repId: rep.personId,
      ownerId: managerId,
      text: 'introduce the rep to the Acme CFO',
      dueOn: TUESDAY,
    });

    const tuesday = await promptOn(rep, TUESDAY);
    expect(lineOf(tuesday.blocks, dueTomorrow)).toBe(
      'You agreed to *send the proposal to Acme* by tomorrow — done?',
    );
    expect(hasButtons(tuesday.blocks, dueTomorrow)).toBe(true);
    // Not due yet, and the manager's own step: neither is asked here.
    expect(lineOf(tuesday.blocks, later)).toBeUndefined();
    expect(lineOf(tuesday.blocks, managers)).toBeUndefined();
    expect(JSON.stringify(tuesday.blocks)).toContain(CHECK_IN_ACTIONS.sold);
    expect((await findCommitment(db, dueTomorrow)).last_followed_up_on).toBe(TUESDAY);

    const where = {
      channel: tuesday.checkIn.prompt_channel_id as string,
      ts: tuesday.checkIn.prompt_ts as string,
      text: tuesday.message.text,
      blocks: tuesday.blocks,
    };
    expect((await press(rep.slackUserId, FOLLOW_UP_ACTIONS.done, dueTomorrow, where)).status).toBe(200);
    const [update] = await fixture.standIn.waitForCalls('chat.update', 1);
    expect(update?.args).toMatchObject({ channel: where.channel, ts: where.ts });
    const updated = update?.args.blocks as Block[];
    expect(lineOf(updated, dueTomorrow)).toBe('*send the proposal to Acme* — Done ✓');
    expect(hasButtons(updated, dueTomorrow)).toBe(false);
    // The check-in's own question and buttons are still there.
    expect(updated.some((block) => block.block_id === CHECK_IN_MESSAGE_BLOCKS.soldButtons)).toBe(true);
    const done = await findCommitment(db, dueTomorrow);
    expect(done).toMatchObject({ status: 'done' });
    expect(done.done_at).toBeInstanceOf(Date);

    // A second click (a stale client) changes nothing.
    await press(rep.slackUserId, FOLLOW_UP_ACTIONS.done, dueTomorrow, where);
    const updates = await fixture.standIn.waitForCalls('chat.update', 2);
    expect(updates[1]?.args.blocks).toEqual(updated);
    expect((await findCommitment(db, dueTomorrow)).done_at).toEqual(done.done_at);

    // The check-in buttons keep working, and the redraw keeps the answered line.
    await fixture.bot.driver.blockAction({
      userId: rep.slackUserId,
      actionId: CHECK_IN_ACTIONS.notSold,
      value: tuesday.checkIn.id,
      channelId: where.channel,
      messageTs: where.ts,
    });
    const asked = await fixture.standIn.waitForCalls('chat.update', 3);
    const askedBlocks = asked[2]?.args.blocks as Block[];
    expect(JSON.stringify(askedBlocks)).toContain(CHECK_IN_ACTIONS.tried);
    expect(lineOf(askedBlocks, dueTomorrow)).toBe('*send the proposal to Acme* — Done ✓');

    const wednesday = await promptOn(rep, WEDNESDAY);
    expect(lineOf(wednesday.blocks, dueTomorrow)).toBeUndefined();
    expect(JSON.stringify(wednesday.blocks)).not.toContain('Acme');
  });

  it('Not yet keeps the commitment open and asks again the next workday; only its owner may answer', async () => {
    const db = fixture.database.db;
    const rep = await newRep();
    const dueToday = await seedCommitment(db, {
      reviewId: rep.reviewId,
      repId: rep.personId,
      ownerId: rep.personId,
      text: 'call the Initech champion',
      dueOn: TUESDAY,
    });
    const tuesday = await promptOn(rep, TUESDAY);
    expect(lineOf(tuesday.blocks, dueToday)).toBe(
      'You agreed to *call the Initech champion* by today — done?',
    );
    const where = {
      channel: tuesday.checkIn.prompt_channel_id as string,
      ts: tuesday.checkIn.prompt_ts as string,
      blocks: tuesday.blocks,
    };

    // Someone else's click is refused, privately, and changes nothing.
    await press('UREP9999', FOLLOW_UP_ACTIONS.done, dueToday, where);
    const [refusal] = await fixture.standIn.waitForCalls('response_url', 1);
    expect(refusal?.args).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(refusal?.args)).toMatch(/not yours/);
    expect(await findCommitment(db, dueToday)).toMatchObject({ status: 'open', not_yet_on: null });

    await press(rep.slackUserId, FOLLOW_UP_ACTIONS.notYet, dueToday, where);
    const [update] = await fixture.standIn.waitForCalls('chat.update', 1);
    const updated = update?.args.blocks as Block[];
    expect(lineOf(updated, dueToday)).toBe("*call the Initech champion* — Not yet — I'll ask again tomorrow");
    expect(hasButtons(updated, dueToday)).toBe(false);
    expect(await findCommitment(db, dueToday)).toMatchObject({
      status: 'open',
      done_at: null,
      not_yet_on: TUESDAY,
    });
    expect(fixture.standIn.calls('chat.update')).toHaveLength(1);

    const wednesday = await promptOn(rep, WEDNESDAY);
    expect(lineOf(wednesday.blocks, dueToday)).toBe(
      'You agreed to *call the Initech champion* by yesterday (1 day overdue) — done?',
    );
    expect(hasButtons(wednesday.blocks, dueToday)).toBe(true);
  });

  it("lists the reps' overdue commitments in the manager's digest, and asks the manager about their own", async () => {
    const db = fixture.database.db;
    const rep = await newRep();
    const overdue = await seedCommitment(db, {
      reviewId: rep.reviewId,
      repId: rep.personId,
      ownerId: rep.personId,
      text: 'send the Hooli security answers',
      dueOn: '2026-11-20',
    });
    await seedCommitment(db, {
      reviewId: rep.reviewId,
      repId: rep.personId,
      ownerId: rep.personId,
      text: 'already done step',
      dueOn: '2026-11-19',
      done: true,
    });
    await seedCommitment(db, {
      reviewId: rep.reviewId,
      repId: rep.personId,
      ownerId: rep.personId,
      text: 'not due yet step',
      dueOn: '2026-11-27',
    });
    const mine = await seedCommitment(db, {
      reviewId: rep.reviewId,
      repId: rep.personId,
      ownerId: managerId,
      text: 'get legal to review the Hooli terms',
      dueOn: '2026-11-26',
    });

    clock.set(at(WEDNESDAY, '12:00:30'));
    await tick(db, clock);
    const digestRow = await eventually(() =>
      db
        .selectFrom('outbox_messages')
        .selectAll()
        .where('person_id', '=', managerId)
        .where('kind', '=', 'digest')
        .where('local_date', '=', WEDNESDAY)
        .where('status', '=', 'sent')
        .executeTakeFirst(),
    );
    const [digest] = fixture.standIn.messages('DUMANAGER');
    expect(digest?.ts).toBe(digestRow.slack_ts);
    const blocks = digest?.blocks as Block[];
    const overdueText = blocks
      .filter((block) => block.block_id?.startsWith(DIGEST_BLOCKS.overduePrefix))
      .map((block) => block.text?.text)
      .join('\n');
    expect(overdueText).toContain(
      `<@${rep.slackUserId}> — send the Hooli security answers · due Fri 20 Nov 2026 · 5 days overdue`,
    );
    expect(overdueText).not.toContain('already done step');
    expect(overdueText).not.toContain('not due yet step');
    expect(overdueText).not.toContain('send the proposal to Acme');

    expect(lineOf(blocks, mine)).toBe(
      'You agreed to *get legal to review the Hooli terms* by tomorrow — done?',
    );
    // Recorded once the post is: the manager is asked about it on this day.
    await eventually(async () =>
      (await findCommitment(db, mine)).last_followed_up_on === WEDNESDAY ? true : undefined,
    );
    await press('UMANAGER', FOLLOW_UP_ACTIONS.done, mine, {
      channel: digestRow.slack_channel_id as string,
      ts: digestRow.slack_ts as string,
      blocks,
    });
    const [update] = await fixture.standIn.waitForCalls('chat.update', 1);
    expect(lineOf(update?.args.blocks as Block[], mine)).toBe(
      '*get legal to review the Hooli terms* — Done ✓',
    );
    expect(await findCommitment(db, mine)).toMatchObject({ status: 'done' });
    expect(await findCommitment(db, overdue)).toMatchObject({ status: 'open' });
  });

  it("lists the viewer's open commitments on the Home tab, with a Done button that takes one off", async () => {
    const db = fixture.database.db;
    const rep = await newRep();
    const first = await seedCommitment(db, {
      reviewId: rep.reviewId,
      repId: rep.personId,
      ownerId: rep.personId,
      text: 'map the Umbrella buying committee',
      dueOn: '2026-11-20',
    });
    const second = await seedCommitment(db, {
      reviewId: rep.reviewId,
      repId: rep.personId,
      ownerId: rep.personId,
      text: 'send the Umbrella pricing',
      dueOn: '2026-12-02',
    });
    clock.set(at(WEDNESDAY, '15:00:00'));
    await fixture.bot.driver.event({ type: 'app_home_opened', user: rep.slackUserId, tab: 'home' });
    const [opened] = await fixture.standIn.waitForCalls('views.publish', 1);
    const home = JSON.stringify(opened?.args.view);
    expect(home).toContain('Your commitments');
    expect(home).toContain('map the Umbrella buying committee');
    expect(home).toContain('Due Fri 20 Nov 2026 · :warning: overdue');
    expect(home).toContain('Due Wed 2 Dec 2026');

    await fixture.bot.driver.blockAction({
      userId: rep.slackUserId,
      actionId: FOLLOW_UP_ACTIONS.homeDone,
      value: first,
      view: { type: 'home' },
    });
    const published = await fixture.standIn.waitForCalls('views.publish', 2);
    const redrawn = JSON.stringify(published[1]?.args.view);
    expect(redrawn).not.toContain('map the Umbrella buying committee');
    expect(redrawn).toContain('send the Umbrella pricing');
    expect(await findCommitment(db, first)).toMatchObject({ status: 'done' });
    expect(await findCommitment(db, second)).toMatchObject({ status: 'open' });
  });

  describe("the Home tab's overdue mark, for an owner whose Slack profile has no zone", () => {
    /** A rep Slack knows without a zone, with one commitment due on Wednesday 25 November. */
    async function zonelessRepWithCommitment(repTeamId: number | null, text: string) {
      const db = fixture.database.db;
      const slackUserId = `UREP${String(++repCounter).padStart(4, '0')}`;
      fixture.standIn.addUser({ id: slackUserId, tz: null });
      const personId = await seedPerson(db, { slackUserId, teamId: repTeamId, managerId });
      const reviewId = await seedReview(db, { repId: personId, managerId, reviewedOn: '2026-11-10' });
      await seedCommitment(db, { reviewId, repId: personId, ownerId: personId, text, dueOn: WEDNESDAY });
      return slackUserId;
    }

    async function homeLine(slackUserId: string, text: string) {
      await fixture.bot.driver.event({ type: 'app_home_opened', user: slackUserId, tab: 'home' });
      const [opened] = await fixture.standIn.waitForCalls('views.publish', 1);
      const view = opened?.args.view as { blocks: Block[] } | undefined;
      return view?.blocks.find((block) => block.text?.text.includes(text))?.text?.text;
    }

    it("counts the day in the team's zone", async () => {
      const islands = await seedTeam(fixture.database.db, { name: 'Islands', timezone: 'Pacific/Honolulu' });
      const rep = await zonelessRepWithCommitment(islands, 'call the Hooli CFO');
      // 20:00 on Wednesday in Honolulu, already Thursday in UTC: due today, not overdue yet.
      clock.set('2026-11-26T06:00:00Z');
      expect(await homeLine(rep, 'call the Hooli CFO')).toBe('*call the Hooli CFO*\nDue Wed 25 Nov 2026');
    });

    it("counts the day in the bot's default zone when the owner has no team", async () => {
      const rep = await zonelessRepWithCommitment(null, 'send the Pied Piper quote');
      // 01:00 on Thursday in Auckland, still Wednesday in UTC: a day overdue.
      clock.set('2026-11-25T12:00:00Z');
      expect(await homeLine(rep, 'send the Pied Piper quote')).toBe(
        '*send the Pied Piper quote*\nDue Wed 25 Nov 2026 · :warning: overdue',
      );
    });
  });
});
