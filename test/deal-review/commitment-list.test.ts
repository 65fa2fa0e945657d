import { beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/coaching/schedule.js';
import {
  COMMITMENT_LIST_ACTIONS,
  COMMITMENT_LIST_BLOCKS,
  COMMITMENT_LIST_MODAL,
  COMMITMENT_LIST_ROWS,
  FOLLOW_UP_ACTIONS,
  FOLLOW_UP_BLOCKS,
} from '../../src/slack/views/follow-ups.js';
import { useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import { seedPerson, seedTeam } from '../support/coaching.js';
import { findCommitment, seedCommitment, seedReview } from '../support/commitments.js';
import { newTriggerId } from '../support/slack-driver.js';

// Wednesday 25 November 2026, 15:00 in New York (EST, UTC−5): already Thursday in Auckland.
const NOW = new Date('2026-11-25T15:00:00-05:00');

type Block = {
  block_id?: string;
  type: string;
  text?: { text: string };
  accessory?: { action_id?: string; value?: string; text?: { text: string } };
  elements?: Array<{ action_id?: string; text?: { text: string } }>;
};
type View = { id: string; hash: string; callback_id: string; private_metadata: string; blocks: Block[] };

/**
 * "See all N" on the App Home and the list it opens, over signed HTTP: the button, the modal with every
 * open commitment of the clicker, its pages, and Done in it, which closes a commitment as the Home's
 * Done does and draws the list and the Home again.
 */
describe('the whole list of a person’s open commitments', () => {
  const fixture = useBotFixture({
    clock: new MovableClock(NOW),
    // Far from New York, so an overdue mark counted in this zone rather than the owner's shows.
    env: { DEFAULT_TIMEZONE: 'Pacific/Auckland' },
  });
  const db = () => fixture.database.db;
  let managerId: number;
  let teamId: number;
  let repCounter = 0;

  beforeAll(async () => {
    fixture.standIn.addUser({ id: 'UMANAGER', tz: 'America/New_York' });
    managerId = await seedPerson(db(), {
      slackUserId: 'UMANAGER',
      isRep: false,
      isManager: true,
      timezone: 'America/New_York',
    });
    teamId = await seedTeam(db(), { name: 'East', timezone: 'America/New_York', managerId });
  });

  async function newRep() {
    const slackUserId = `ULIST${String(++repCounter).padStart(4, '0')}`;
    fixture.standIn.addUser({ id: slackUserId, tz: 'America/New_York' });
    const personId = await seedPerson(db(), {
      slackUserId,
      teamId,
      managerId,
      timezone: 'America/New_York',
    });
    const reviewId = await seedReview(db(), { repId: personId, managerId, reviewedOn: '2026-11-10' });
    const commit = (text: string, dueOn: string, extra: { ownerId?: number; done?: boolean } = {}) =>
      seedCommitment(db(), {
        reviewId,
        repId: personId,
        ownerId: extra.ownerId ?? personId,
        text,
        dueOn,
        ...(extra.done ? { done: true } : {}),
      });
    return { slackUserId, personId, commit };
  }

  /** The Home tab last published for `userId`, once there are `count` publishes for them in this test. */
  async function homeOf(userId: string, count: number): Promise<Block[]> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const published = fixture.standIn
        .calls('views.publish')
        .filter((call) => call.status !== 0 && call.args.user_id === userId);
      const view = published[count - 1]?.args.view as { blocks: Block[] } | undefined;
      if (view !== undefined) return view.blocks;
      if (Date.now() > deadline) throw new Error(`waited for Home tab number ${count} of ${userId}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** The list Slack holds now for this test (the stand-in gave it its id and hash). */
  function heldList(): View {
    const views = fixture.standIn.views().filter((view) => view.callback_id === COMMITMENT_LIST_MODAL);
    if (views.length !== 1) throw new Error(`${views.length} commitment lists are open`);
    return views[0] as unknown as View;
  }

  /** "See all" clicked on the Home; the list views.open got, and the trigger id the click carried. */
  async function seeAll(userId: string, value?: string) {
    const triggerId = newTriggerId();
    await fixture.bot.driver.blockAction({
      userId,
      actionId: FOLLOW_UP_ACTIONS.seeAll,
      ...(value === undefined ? {} : { value }),
      view: { type: 'home' },
      triggerId,
    });
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    return { triggerId, open: open?.args as { trigger_id: string; view: View } };
  }

  /** A button clicked in a list as Slack holds it (its id, hash and metadata). */
  const clickInList = (
    userId: string,
    actionId: string,
    list: { id: string; hash?: string; private_metadata: string },
    value?: string,
  ) =>
    fixture.bot.driver.blockAction({
      userId,
      actionId,
      ...(value === undefined ? {} : { value }),
      view: {
        type: 'modal',
        id: list.id,
        callback_id: COMMITMENT_LIST_MODAL,
        private_metadata: list.private_metadata,
        ...(list.hash === undefined ? {} : { hash: list.hash }),
      },
    });

  /** The `count`-th views.update of this test. */
  async function update(count: number) {
    const updates = await fixture.standIn.waitForCalls('views.update', count);
    const call = updates[count - 1];
    if (call === undefined) throw new Error(`no views.update number ${count}`);
    return call;
  }

  /** The commitment ids a list shows, top to bottom. */
  const rowsOf = (view: { blocks: Block[] }) =>
    view.blocks
      .map((block) => block.block_id ?? '')
      .filter((id) => id.startsWith(COMMITMENT_LIST_BLOCKS.rowPrefix))
      .map((id) => id.slice(COMMITMENT_LIST_BLOCKS.rowPrefix.length));
  const rowText = (view: { blocks: Block[] }, commitmentId: string) =>
    view.blocks.find((block) => block.block_id === `${COMMITMENT_LIST_BLOCKS.rowPrefix}${commitmentId}`)?.text
      ?.text;
  const headerOf = (view: { blocks: Block[] }) =>
    view.blocks.find((block) => block.block_id === COMMITMENT_LIST_BLOCKS.header)?.text?.text;
  const pageButtonsOf = (view: { blocks: Block[] }) =>
    view.blocks
      .find((block) => block.block_id === COMMITMENT_LIST_BLOCKS.pages)
      ?.elements?.map((element) => element.text?.text) ?? [];

  it('offers See all 8 on a Home listing 5; the list has all 8 due soonest first, and Done in it closes one and redraws the list and the Home', async () => {
    const rep = await newRep();
    const other = await newRep();
    // Stored out of order: the list sorts them by due date, then by when they were agreed.
    const h = await rep.commit('sign the Umbrella order form', '2026-12-15');
    const d = await rep.commit('send the Hooli case study', '2026-12-01');
    const a = await rep.commit('call the Acme CFO', '2026-11-20');
    const f = await rep.commit('book the Stark kickoff', '2026-12-04');
    const e = await rep.commit('intro Hooli to the CTO', '2026-12-01');
    const c = await rep.commit('book the Initech demo', '2026-11-24');
    const g = await rep.commit('map the Wayne buying committee', '2026-12-10');
    const b = await rep.commit('send the Globex quote', '2026-11-25');
    await rep.commit('an already done step', '2026-11-19', { done: true });
    await rep.commit("the manager's own step", '2026-11-26', { ownerId: managerId });
    const othersStep = await other.commit('a step of another rep', '2026-11-21');
    const ordered = [a, c, b, d, e, f, g, h];

    await fixture.bot.driver.event({ type: 'app_home_opened', user: rep.slackUserId, tab: 'home' });
    const home = await homeOf(rep.slackUserId, 1);
    expect(home.filter((block) => block.block_id?.startsWith(FOLLOW_UP_BLOCKS.homePrefix))).toHaveLength(5);
    const more = home.find((block) => block.block_id === FOLLOW_UP_BLOCKS.homeMore);
    expect(more?.text?.text).toBe('…and 3 more, due later.');
    expect(more?.accessory).toMatchObject({
      action_id: FOLLOW_UP_ACTIONS.seeAll,
      text: { text: 'See all 8' },
    });

    // The button names nobody; a value slipped into it changes nothing.
    const { triggerId, open } = await seeAll(rep.slackUserId, other.slackUserId);
    expect(open.trigger_id).toBe(triggerId);
    expect(open.view.callback_id).toBe(COMMITMENT_LIST_MODAL);
    expect(headerOf(open.view)).toBe('Your commitments (8 open)');
    expect(rowsOf(open.view)).toEqual(ordered);
    expect(rowText(open.view, a)).toBe('*call the Acme CFO*\nDue Fri 20 Nov 2026 · :warning: overdue');
    expect(rowText(open.view, c)).toBe('*book the Initech demo*\nDue Tue 24 Nov 2026 · :warning: overdue');
    // Due today in New York (already yesterday in the bot's default zone): not overdue.
    expect(rowText(open.view, b)).toBe('*send the Globex quote*\nDue Wed 25 Nov 2026');
    expect(rowText(open.view, g)).toBe('*map the Wayne buying committee*\nDue Thu 10 Dec 2026');
    const doneButtons = open.view.blocks.filter(
      (block) => block.accessory?.action_id === COMMITMENT_LIST_ACTIONS.done,
    );
    expect(doneButtons.map((block) => block.accessory?.value)).toEqual(ordered);
    const json = JSON.stringify(open.view);
    for (const absent of [
      'an already done step',
      "the manager's own step",
      'a step of another rep',
      'Showing',
    ]) {
      expect(json).not.toContain(absent);
    }
    expect(pageButtonsOf(open.view)).toEqual([]);

    // Done on the 7th.
    const list = heldList();
    await clickInList(rep.slackUserId, COMMITMENT_LIST_ACTIONS.done, list, g);
    const redrawn = await update(1);
    expect(redrawn.args.view_id).toBe(list.id);
    const afterDone = redrawn.args.view as View;
    expect(headerOf(afterDone)).toBe('Your commitments (7 open)');
    expect(rowsOf(afterDone)).toEqual(ordered.filter((id) => id !== g));
    const closed = await findCommitment(db(), g);
    expect(closed.status).toBe('done');
    expect(closed.done_at).toBeInstanceOf(Date);
    for (const id of ordered.filter((id) => id !== g)) {
      expect((await findCommitment(db(), id)).status).toBe('open');
    }
    // The Home is drawn again, with the new count.
    const republished = await homeOf(rep.slackUserId, 2);
    expect(JSON.stringify(republished)).toContain('See all 7');
    expect(JSON.stringify(republished)).toContain('…and 2 more, due later.');

    // Done on it again (a double click) changes nothing; the list is the same.
    await clickInList(rep.slackUserId, COMMITMENT_LIST_ACTIONS.done, heldList(), g);
    expect(rowsOf((await update(2)).args.view as View)).toEqual(ordered.filter((id) => id !== g));
    expect((await findCommitment(db(), g)).done_at).toEqual(closed.done_at);

    // A forged Done, with another rep's commitment: nothing changes, and nothing of theirs is shown.
    await clickInList(rep.slackUserId, COMMITMENT_LIST_ACTIONS.done, heldList(), othersStep);
    const forged = (await update(3)).args.view as View;
    expect(rowsOf(forged)).toEqual(ordered.filter((id) => id !== g));
    expect(JSON.stringify(forged)).not.toContain('a step of another rep');
    expect(await findCommitment(db(), othersStep)).toMatchObject({ status: 'open', done_at: null });
    // …and the other way round: the other rep's click on this rep's commitment shows them their own.
    await clickInList(other.slackUserId, COMMITMENT_LIST_ACTIONS.done, heldList(), a);
    const theirs = (await update(4)).args.view as View;
    expect(rowsOf(theirs)).toEqual([othersStep]);
    expect(await findCommitment(db(), a)).toMatchObject({ status: 'open', done_at: null });
    await fixture.bot.bot.listenersIdle(2_000);
    expect(fixture.standIn.calls('response_url')).toEqual([]);
  });

  it('draws the Home again when Slack does not take the redrawn list after a Done, and logs the list’s failure', async () => {
    const rep = await newRep();
    const done = await rep.commit('call the Acme CFO', '2026-11-27');
    await rep.commit('send the Globex quote', '2026-11-28');
    await seeAll(rep.slackUserId);
    const list = heldList();
    fixture.standIn.fail(
      'views.update',
      { kind: 'error', error: 'internal_error' },
      { when: (call) => call.args.view_id === list.id },
    );
    const logsBefore = fixture.bot.logs.lines.length;

    await clickInList(rep.slackUserId, COMMITMENT_LIST_ACTIONS.done, list, done);
    const home = JSON.stringify(await homeOf(rep.slackUserId, 1));
    expect(home).not.toContain('call the Acme CFO');
    expect(home).toContain('send the Globex quote');
    expect((await findCommitment(db(), done)).status).toBe('done');
    await fixture.bot.bot.listenersIdle(2_000);
    expect(fixture.standIn.calls('views.update')).toMatchObject([{ ok: false, error: 'internal_error' }]);
    expect(
      fixture.bot.logs
        .entries()
        .slice(logsBefore)
        .filter((entry) => entry.level === 'error'),
    ).toContainEqual(
      expect.objectContaining({
        err: expect.objectContaining({ message: expect.stringContaining('internal_error') }),
      }),
    );
  });

  it('shows no See all on a Home whose commitments all fit', async () => {
    const rep = await newRep();
    for (let i = 0; i < 5; i += 1) await rep.commit(`step ${i}`, addDays('2026-11-26', i));
    await fixture.bot.driver.event({ type: 'app_home_opened', user: rep.slackUserId, tab: 'home' });
    const home = await homeOf(rep.slackUserId, 1);
    expect(home.filter((block) => block.block_id?.startsWith(FOLLOW_UP_BLOCKS.homePrefix))).toHaveLength(5);
    expect(JSON.stringify(home)).not.toContain(FOLLOW_UP_ACTIONS.seeAll);
    expect(home.some((block) => block.block_id === FOLLOW_UP_BLOCKS.homeMore)).toBe(false);
  });

  describe(`a list longer than ${COMMITMENT_LIST_ROWS}`, () => {
    const TOTAL = COMMITMENT_LIST_ROWS + 5;
    let rep: Awaited<ReturnType<typeof newRep>>;
    /** The rep's commitments, due soonest first. */
    const ordered: string[] = [];

    beforeAll(async () => {
      rep = await newRep();
      const ids: string[] = [];
      // Stored latest due first.
      for (let i = TOTAL - 1; i >= 0; i -= 1)
        ids.unshift(await rep.commit(`paged step ${i}`, addDays('2026-11-20', i)));
      ordered.push(...ids);
    });

    it('turns pages in place with the clicked copy’s hash, and leaves the newer page alone on a stale click', async () => {
      const logsBefore = fixture.bot.logs.lines.length;
      const { open } = await seeAll(rep.slackUserId);
      expect(headerOf(open.view)).toBe(`Your commitments (${TOTAL} open)`);
      expect(rowsOf(open.view)).toEqual(ordered.slice(0, COMMITMENT_LIST_ROWS));
      expect(JSON.stringify(open.view)).toContain(
        `Showing 1–${COMMITMENT_LIST_ROWS} of ${TOTAL}, due soonest first`,
      );
      expect(pageButtonsOf(open.view)).toEqual(['Next 5 ›']);

      const stale = heldList();
      await clickInList(rep.slackUserId, COMMITMENT_LIST_ACTIONS.nextPage, stale);
      const next = await update(1);
      expect(next.args).toMatchObject({ view_id: stale.id, hash: stale.hash });
      const second = next.args.view as View;
      expect(rowsOf(second)).toEqual(ordered.slice(COMMITMENT_LIST_ROWS));
      expect(JSON.stringify(second)).toContain(`Showing ${COMMITMENT_LIST_ROWS + 1}–${TOTAL} of ${TOTAL}`);
      expect(pageButtonsOf(second)).toEqual(['‹ Previous']);

      // A second click on Next, sent before Slack showed page 2: its copy of the view is page 1's.
      await clickInList(rep.slackUserId, COMMITMENT_LIST_ACTIONS.nextPage, stale);
      expect(await update(2)).toMatchObject({ ok: false, error: 'hash_conflict' });
      await fixture.bot.bot.listenersIdle(2_000);
      expect(rowsOf(heldList())).toEqual(ordered.slice(COMMITMENT_LIST_ROWS));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const problems = fixture.bot.logs
        .entries()
        .slice(logsBefore)
        .filter((entry) => entry.level === 'error' || entry.level === 'warn');
      expect(problems).toEqual([]);

      await clickInList(rep.slackUserId, COMMITMENT_LIST_ACTIONS.previousPage, heldList());
      expect(rowsOf((await update(3)).args.view as View)).toEqual(ordered.slice(0, COMMITMENT_LIST_ROWS));
    });

    it('draws the same page again after a Done, or the last page there is when that one is gone', async () => {
      await seeAll(rep.slackUserId);
      await clickInList(rep.slackUserId, COMMITMENT_LIST_ACTIONS.nextPage, heldList());
      await update(1);
      const pageTwo = ordered.slice(COMMITMENT_LIST_ROWS);

      await clickInList(rep.slackUserId, COMMITMENT_LIST_ACTIONS.done, heldList(), pageTwo[0]);
      const same = (await update(2)).args.view as View;
      expect(rowsOf(same)).toEqual(pageTwo.slice(1));
      expect(JSON.parse(same.private_metadata)).toEqual({ offset: COMMITMENT_LIST_ROWS });

      // Meanwhile the rest of page 2 but one is closed elsewhere; Done on the last one empties page 2.
      await db()
        .updateTable('commitments')
        .set({ status: 'done' })
        .where('id', 'in', pageTwo.slice(1, -1))
        .execute();
      await clickInList(rep.slackUserId, COMMITMENT_LIST_ACTIONS.done, heldList(), pageTwo.at(-1));
      const clamped = (await update(3)).args.view as View;
      expect(headerOf(clamped)).toBe(`Your commitments (${COMMITMENT_LIST_ROWS} open)`);
      expect(rowsOf(clamped)).toEqual(ordered.slice(0, COMMITMENT_LIST_ROWS));
      expect(pageButtonsOf(clamped)).toEqual([]);
      expect(JSON.parse(clamped.private_metadata)).toEqual({ offset: 0 });
      expect((await findCommitment(db(), pageTwo.at(-1) as string)).status).toBe('done');
    });
  });
});
