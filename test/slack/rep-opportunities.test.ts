import { beforeAll, describe, expect, it } from 'vitest';
import { insertOpportunity, type OpportunityFields } from '../../src/db/queries/opportunities.js';
import {
  OPPORTUNITY_ACTIONS,
  OPPORTUNITY_FIELDS,
  OPPORTUNITY_MODAL,
  REP_OPPORTUNITY_ACTIONS,
  REP_OPPORTUNITY_MODALS,
  REP_OPPORTUNITY_ROWS,
} from '../../src/slack/views/opportunities.js';
import { coachCommand, publishedHomeView, useBotFixture } from '../support/bot.js';
import { eventually } from '../support/coaching.js';
import { newTriggerId } from '../support/slack-driver.js';

type FieldName = keyof typeof OPPORTUNITY_FIELDS;
type View = { callback_id?: string; private_metadata?: string; blocks: Array<{ block_id?: string }> };

/**
 * A manager opens one rep's open deals from their App Home and edits one, over signed HTTP: the menu,
 * the list modal, the form pushed on top of it, the save and the redraws, and the refusals.
 */
describe('a rep’s opportunities for their manager', () => {
  const fixture = useBotFixture({ env: { DEFAULT_CURRENCY: 'EUR' } });
  const db = () => fixture.database.db;

  const coach = (userId: string, text: string) => coachCommand(fixture, userId, text);

  const personId = async (slackUserId: string) =>
    (
      await db()
        .selectFrom('people')
        .select('id')
        .where('slack_user_id', '=', slackUserId)
        .executeTakeFirstOrThrow()
    ).id;

  const DEAL: OpportunityFields = {
    account: 'Acme',
    name: '40 seats',
    amount: '12000',
    currency: 'EUR',
    stage: 'proposal',
    expectedCloseOn: '2026-12-15',
    probability: 60,
    decisionMakers: [{ name: 'Dana Reyes', role: 'CFO', buying_criteria: 'payback within a year' }],
    problem: 'Quotes take a week',
    customerTimeline: 'Board signs off on 10 December',
    buyerActions: ['shared_problem'],
    buyerActionsNote: null,
  };

  async function addDeal(slackUserId: string, fields: Partial<OpportunityFields>): Promise<string> {
    const owner = await personId(slackUserId);
    const deal = await insertOpportunity(
      db(),
      { ...DEAL, ...fields, workspaceId: 'T0001', personId: owner, externalId: null },
      { source: 'import', recordedById: null, now: new Date('2026-11-02T09:00:00Z') },
    );
    return deal.id;
  }

  /** The Home tab published for a user in this test, once there is one. */
  const publishedHome = async (userId: string) => JSON.stringify(await publishedHomeView(fixture, userId));

  /** The options of the Home's menu of reps, by Slack id. */
  async function menuOf(userId: string): Promise<string[] | undefined> {
    await fixture.bot.driver.event({
      type: 'app_home_opened',
      user: userId,
      channel: `D${userId}`,
      tab: 'home',
    });
    const home = JSON.parse(await publishedHome(userId)) as {
      blocks: Array<{ elements?: Array<{ action_id?: string; options?: Array<{ value: string }> }> }>;
    };
    const menu = home.blocks
      .flatMap((block) => block.elements ?? [])
      .find((element) => element.action_id === REP_OPPORTUNITY_ACTIONS.pickRep);
    return menu?.options?.map((option) => option.value);
  }

  /** A rep picked in the Home's menu, with the trigger id the click carried. */
  async function pickRep(userId: string, repSlackUserId: string): Promise<string> {
    const triggerId = newTriggerId();
    await fixture.bot.driver.blockAction({
      userId,
      actionId: REP_OPPORTUNITY_ACTIONS.pickRep,
      action: {
        type: 'static_select',
        selected_option: { text: { type: 'plain_text', text: repSlackUserId }, value: repSlackUserId },
      },
      view: { type: 'home' },
      triggerId,
    });
    return triggerId;
  }

  type HeldView = { id: string; hash: string; private_metadata: string; blocks: View['blocks'] };

  /** The modal Slack holds now with this callback id (the stand-in gave it its id). */
  function heldView(callbackId: string): HeldView {
    const view = fixture.standIn.views().find((candidate) => candidate.callback_id === callbackId);
    if (view === undefined) throw new Error(`no ${callbackId} view is open`);
    return view as HeldView;
  }

  /** "‹ Previous" or "Next 40 ›" clicked in a list as Slack holds it (its id, hash and metadata). */
  const clickPage = (
    userId: string,
    actionId: string,
    list: { id: string; hash?: string; private_metadata: string },
  ) =>
    fixture.bot.driver.blockAction({
      userId,
      actionId,
      view: {
        type: 'modal',
        id: list.id,
        private_metadata: list.private_metadata,
        ...(list.hash === undefined ? {} : { hash: list.hash }),
      },
    });

  /** The ids of the deals a list shows, top to bottom. */
  const rowsOf = (view: { blocks: View['blocks'] }) =>
    view.blocks
      .map((block) => block.block_id ?? '')
      .filter((blockId) => blockId.startsWith('rep_opportunity_'))
      .map((blockId) => blockId.slice('rep_opportunity_'.length));

  /** The texts of a list's paging buttons. */
  const pageButtonsOf = (view: { blocks: View['blocks'] }) =>
    (
      view.blocks.find((block) => block.block_id === 'rep_opportunities_pages') as
        | { elements: Array<{ text: { text: string } }> }
        | undefined
    )?.elements.map((element) => element.text.text) ?? [];

  const clickEdit = (userId: string, opportunityId: string, list: { id: string; private_metadata: string }) =>
    fixture.bot.driver.blockAction({
      userId,
      actionId: REP_OPPORTUNITY_ACTIONS.edit,
      value: opportunityId,
      view: { type: 'modal', id: list.id, private_metadata: list.private_metadata },
    });

  /** The form as Slack submits it: the deal's fields, with `overrides`, under their block and action ids. */
  function formValues(overrides: Partial<Record<FieldName, Record<string, unknown>>>) {
    const states: Record<FieldName, Record<string, unknown>> = {
      account: { type: 'plain_text_input', value: 'Acme' },
      name: { type: 'plain_text_input', value: '40 seats' },
      amount: { type: 'plain_text_input', value: '12000' },
      currency: { type: 'static_select', selected_option: { value: 'EUR' } },
      stage: { type: 'static_select', selected_option: { value: 'proposal' } },
      expectedCloseOn: { type: 'datepicker', selected_date: '2026-12-15' },
      probability: { type: 'number_input', value: '60' },
      decisionMakers: { type: 'plain_text_input', value: 'Dana Reyes — CFO — payback within a year' },
      problem: { type: 'plain_text_input', value: 'Quotes take a week' },
      customerTimeline: { type: 'plain_text_input', value: 'Board signs off on 10 December' },
      buyerActions: { type: 'checkboxes', selected_options: [{ value: 'shared_problem' }] },
      buyerActionsNote: { type: 'plain_text_input', value: null },
      ...overrides,
    };
    return Object.fromEntries(
      Object.entries(states).map(([name, state]) => {
        const field = OPPORTUNITY_FIELDS[name as FieldName];
        return [field.blockId, { [field.actionId]: state }];
      }),
    );
  }

  /** Everything the bot sent Slack in this test, as one text. */
  async function everythingSent(): Promise<string> {
    await fixture.bot.bot.listenersIdle(2_000);
    return JSON.stringify(fixture.standIn.calls().map((call) => call.args));
  }

  let acmeId: string;
  let globexId: string;

  beforeAll(async () => {
    for (const user of [
      { id: 'UADMIN', real_name: 'Ada Admin', is_admin: true },
      { id: 'UMGR', real_name: 'Maya Manager' },
      { id: 'UMGR2', real_name: 'Omar Other' },
      { id: 'UREP1', real_name: 'Rita Rep' },
      { id: 'UREP2', real_name: 'Sam Rep' },
      { id: 'UREP3', real_name: 'Tess Rep' },
    ]) {
      fixture.standIn.addUser(user);
    }
    await coach('UADMIN', 'team EMEA create');
    await coach('UADMIN', 'team EMEA manager <@UMGR>');
    await coach('UADMIN', 'team APAC create');
    await coach('UADMIN', 'team APAC manager <@UMGR2>');
    await coach('UMGR', 'add <@UREP1>');
    await coach('UMGR', 'add <@UREP2>');
    await coach('UMGR2', 'add <@UREP3>');
    acmeId = await addDeal('UREP1', {});
    globexId = await addDeal('UREP1', {
      account: 'Globex',
      name: 'Pilot',
      amount: '500',
      stage: 'qualified',
      expectedCloseOn: '2026-11-30',
    });
    await addDeal('UREP1', { account: 'Initech', name: 'Renewal', stage: 'won' });
    await addDeal('UREP2', { account: 'Umbrella', name: 'Fleet' });
    await addDeal('UREP3', { account: 'Hooli', name: 'Search' });
  });

  it('offers a manager a menu of their own reps on the Home, an admin every rep, and a rep none', async () => {
    expect(await menuOf('UMGR')).toEqual(['UREP1', 'UREP2']);
    expect(await menuOf('UMGR2')).toEqual(['UREP3']);
    expect(await menuOf('UADMIN')).toEqual(['UREP1', 'UREP2', 'UREP3']);
    expect(await menuOf('UREP1')).toBeUndefined();
    expect(await publishedHome('UMGR')).toContain("See a rep's opportunities…");
  });

  it('opens the picked rep’s open deals, closing soonest first, with the pick’s trigger id', async () => {
    const triggerId = await pickRep('UMGR', 'UREP1');
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    expect(open?.args.trigger_id).toBe(triggerId);
    const view = open?.args.view as View;
    expect(view.callback_id).toBe(REP_OPPORTUNITY_MODALS.list);
    expect(view.blocks.map((block) => block.block_id)).toEqual([
      'rep_opportunities_header',
      `rep_opportunity_${globexId}`,
      `rep_opportunity_${acmeId}`,
    ]);
    const json = JSON.stringify(view);
    expect(json).toContain("Rita Rep's opportunities (2 open)");
    expect(json).toContain('*Globex* — Pilot · EUR 500 · Qualified · closes Mon 30 Nov 2026');
    expect(json).toContain('*Acme* — 40 seats · EUR 12,000 · Proposal · closes Tue 15 Dec 2026');
    // Won is closed, and Umbrella is another rep's.
    expect(json).not.toContain('Initech');
    expect(json).not.toContain('Umbrella');
  });

  it('draws the Home again after the list opens, with the menu under a new block id so the same rep can be picked again', async () => {
    const menuBlockIds = () =>
      fixture.standIn
        .calls('views.publish')
        .filter((call) => call.args.user_id === 'UMGR')
        .map(
          (call) =>
            (call.args.view as View).blocks.find((block) =>
              block.block_id?.startsWith('home_rep_opportunities'),
            )?.block_id,
        );
    await menuOf('UMGR');
    const before = menuBlockIds();
    await pickRep('UMGR', 'UREP1');
    await fixture.standIn.waitForCalls('views.open', 1);
    await fixture.standIn.waitForCalls('views.publish', before.length + 1);
    const after = menuBlockIds();
    expect(after).toHaveLength(before.length + 1);
    // Slack keeps a select's pick for a block id it has seen, and sends nothing for the same pick again.
    expect(after.at(-1)).toMatch(/^home_rep_opportunities_/);
    expect(after.at(-1)).not.toBe(before.at(-1));
    const order = fixture.standIn.calls().map((call) => call.method);
    expect(order.lastIndexOf('views.publish')).toBeGreaterThan(order.indexOf('views.open'));
  });

  it('lets an admin open any rep’s deals', async () => {
    await pickRep('UADMIN', 'UREP3');
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    expect(JSON.stringify(open?.args.view)).toContain('*Hooli* — Search');
  });

  it('pushes the form over the list on Edit; saving changes the deal with a revision and redraws the list and both Homes', async () => {
    await pickRep('UMGR', 'UREP1');
    await fixture.standIn.waitForCalls('views.open', 1);
    const list = heldView(REP_OPPORTUNITY_MODALS.list);

    await clickEdit('UMGR', acmeId, list);
    const [push] = await fixture.standIn.waitForCalls('views.push', 1);
    expect(push?.args.trigger_id).toEqual(expect.any(String));
    const form = push?.args.view as View;
    expect(form.callback_id).toBe(OPPORTUNITY_MODAL);
    expect(JSON.parse(form.private_metadata ?? '')).toEqual({
      opportunityId: acmeId,
      version: 1,
      listViewId: list.id,
    });
    expect(JSON.stringify(form)).toContain('"initial_date":"2026-12-15"');

    const response = await fixture.bot.driver.viewSubmission({
      userId: 'UMGR',
      callbackId: OPPORTUNITY_MODAL,
      values: formValues({
        amount: { type: 'plain_text_input', value: '15,000' },
        stage: { type: 'static_select', selected_option: { value: 'negotiation' } },
        expectedCloseOn: { type: 'datepicker', selected_date: '2027-01-10' },
      }),
      privateMetadata: form.private_metadata ?? '',
      previousViewId: list.id,
    });
    // A plain ack closes the pushed form and shows the list under it again.
    expect(response.status).toBe(200);
    expect(response.text).toBe('');

    const deal = await db()
      .selectFrom('opportunities')
      .selectAll()
      .where('id', '=', acmeId)
      .executeTakeFirst();
    expect(deal).toMatchObject({
      amount: '15000.00',
      stage: 'negotiation',
      expected_close_on: '2027-01-10',
      close_date_pushes: 1,
      person_id: await personId('UREP1'),
    });
    const revisions = await db()
      .selectFrom('opportunity_revisions')
      .selectAll()
      .where('opportunity_id', '=', acmeId)
      .orderBy('id')
      .execute();
    expect(revisions).toHaveLength(2);
    expect(revisions[1]).toMatchObject({
      source: 'home',
      recorded_by_id: await personId('UMGR'),
      stage: 'negotiation',
      amount: '15000.00',
      expected_close_on: '2027-01-10',
    });

    const line = '*Acme* — 40 seats · EUR 15,000 · Negotiation · closes Sun 10 Jan 2027 (pushed 1×)';
    const [update] = await fixture.standIn.waitForCalls('views.update', 1);
    expect(update?.args).toMatchObject({
      view_id: list.id,
      view: { callback_id: REP_OPPORTUNITY_MODALS.list },
    });
    expect(JSON.stringify(update?.args.view)).toContain(line);
    expect(await publishedHome('UREP1')).toContain(line);
    expect(await publishedHome('UMGR')).toContain(REP_OPPORTUNITY_ACTIONS.pickRep);
  });

  describe('a redraw after a save that Slack refuses', () => {
    /** The manager's form pushed over UREP1's list on Globex's Edit; the list and the form's metadata. */
    async function globexFormOverList(): Promise<{ list: HeldView; metadata: string }> {
      await pickRep('UMGR', 'UREP1');
      await fixture.standIn.waitForCalls('views.open', 1);
      const list = heldView(REP_OPPORTUNITY_MODALS.list);
      await clickEdit('UMGR', globexId, list);
      const [push] = await fixture.standIn.waitForCalls('views.push', 1);
      // The pick's own Home redraw is done: a failure set up from here on is the save's.
      await fixture.bot.bot.listenersIdle(2_000);
      const form = push?.args.view as View | undefined;
      return { list, metadata: form?.private_metadata ?? '' };
    }

    const saveGlobex = (metadata: string, amount: string, listViewId: string) =>
      fixture.bot.driver.viewSubmission({
        userId: 'UMGR',
        callbackId: OPPORTUNITY_MODAL,
        values: formValues({
          account: { type: 'plain_text_input', value: 'Globex' },
          name: { type: 'plain_text_input', value: 'Pilot' },
          amount: { type: 'plain_text_input', value: amount },
          stage: { type: 'static_select', selected_option: { value: 'qualified' } },
          expectedCloseOn: { type: 'datepicker', selected_date: '2026-11-30' },
        }),
        privateMetadata: metadata,
        previousViewId: listViewId,
      });

    /** Home tabs published for a user in this test, answered or refused. */
    const homesOf = (userId: string) =>
      fixture.standIn.calls('views.publish').filter((call) => call.args.user_id === userId);

    /** Log lines since `from` that name Slack's refusal: the failure still reaches the log. */
    const loggedSince = (from: number, error: string) =>
      eventually(() => fixture.bot.logs.lines.slice(from).find((line) => line.includes(error)));

    it('still redraws both Homes when the list under the form is gone', async () => {
      const { list, metadata } = await globexFormOverList();
      const [managerHomes, repHomes] = [homesOf('UMGR').length, homesOf('UREP1').length];
      const logsBefore = fixture.bot.logs.lines.length;
      fixture.standIn.fail(
        'views.update',
        { kind: 'error', error: 'not_found' },
        { when: (call) => call.args.view_id === list.id },
      );

      const response = await saveGlobex(metadata, '650', list.id);
      expect(response.text).toBe('');

      const [update] = await fixture.standIn.waitForCalls('views.update', 1);
      expect(update).toMatchObject({ ok: false, error: 'not_found' });
      const line = '*Globex* — Pilot · EUR 650 · Qualified';
      expect(JSON.stringify(await publishedHomeView(fixture, 'UREP1', repHomes + 1))).toContain(line);
      await publishedHomeView(fixture, 'UMGR', managerHomes + 1);
      await loggedSince(logsBefore, 'not_found');
    });

    it('still redraws the list and the rep’s Home when the manager’s own Home is refused', async () => {
      const { list, metadata } = await globexFormOverList();
      const [managerHomes, repHomes] = [homesOf('UMGR').length, homesOf('UREP1').length];
      const logsBefore = fixture.bot.logs.lines.length;
      fixture.standIn.fail(
        'views.publish',
        { kind: 'error', error: 'internal_error' },
        { when: (call) => call.args.user_id === 'UMGR' },
      );

      const response = await saveGlobex(metadata, '700', list.id);
      expect(response.text).toBe('');

      const line = '*Globex* — Pilot · EUR 700 · Qualified';
      const [update] = await fixture.standIn.waitForCalls('views.update', 1);
      expect(update).toMatchObject({ ok: true, args: { view_id: list.id } });
      expect(JSON.stringify(update?.args.view)).toContain(line);
      expect(JSON.stringify(await publishedHomeView(fixture, 'UREP1', repHomes + 1))).toContain(line);
      // The three redraws run side by side: the rep's Home can be in before the manager's attempt.
      await publishedHomeView(fixture, 'UMGR', managerHomes + 1);
      expect(homesOf('UMGR').at(-1)).toMatchObject({ ok: false, error: 'internal_error' });
      await loggedSince(logsBefore, 'internal_error');
    });
  });

  it('shows a manager of another team who forges the pick or the Edit none of the rep’s deals', async () => {
    await pickRep('UMGR2', 'UREP1');
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    expect(open?.args.view).toMatchObject({ callback_id: REP_OPPORTUNITY_MODALS.notice });
    expect(JSON.stringify(open?.args.view)).toContain(
      "Only their manager <@UMGR> or an admin can see <@UREP1>'s opportunities.",
    );
    // Their Home is drawn again, with their own reps only.
    expect(await publishedHome('UMGR2')).not.toContain('UREP1');

    const notice = heldView(REP_OPPORTUNITY_MODALS.notice);
    await clickEdit('UMGR2', acmeId, {
      id: notice.id,
      private_metadata: JSON.stringify({ repSlackUserId: 'UREP1' }),
    });
    const [update] = await fixture.standIn.waitForCalls('views.update', 1);
    expect(update?.args).toMatchObject({
      view_id: notice.id,
      view: { callback_id: REP_OPPORTUNITY_MODALS.notice },
    });

    expect(fixture.standIn.calls('views.push')).toEqual([]);
    const sent = await everythingSent();
    for (const dealText of ['Acme', 'Globex', '40 seats', 'Pilot', 'rep_opportunity_']) {
      expect(sent).not.toContain(dealText);
    }
    expect(sent).not.toContain(`"callback_id":"${REP_OPPORTUNITY_MODALS.list}"`);
  });

  it(`lists the first ${REP_OPPORTUNITY_ROWS} deals of a longer list, says which, and offers the rest with Next`, async () => {
    for (let day = 1; day <= 45; day += 1) {
      await addDeal('UREP2', {
        account: `Account ${day}`,
        expectedCloseOn: `2027-02-${String((day % 28) + 1).padStart(2, '0')}`,
      });
    }
    await pickRep('UMGR', 'UREP2');
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    const view = open?.args.view as View;
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(rowsOf(view)).toHaveLength(REP_OPPORTUNITY_ROWS);
    const json = JSON.stringify(view);
    expect(json).toContain("Sam Rep's opportunities (46 open)");
    expect(json).toContain(`Showing 1–${REP_OPPORTUNITY_ROWS} of 46, closing soonest first`);
    expect(pageButtonsOf(view)).toEqual([`Next ${46 - REP_OPPORTUNITY_ROWS} ›`]);
    // Umbrella closes first (15 Dec 2026), so it is shown.
    expect(json).toContain('*Umbrella* — Fleet');
  });

  describe('pages of a rep with many deals', () => {
    const TOTAL = 93;
    /** UREP4's deals in the list's order: closing soonest first, then by id (many share a date). */
    let ordered: string[];
    /** The deals of the `page`-th page (1 is the first). */
    const pageOf = (page: number) =>
      ordered.slice((page - 1) * REP_OPPORTUNITY_ROWS, page * REP_OPPORTUNITY_ROWS);

    beforeAll(async () => {
      fixture.standIn.addUser({ id: 'UREP4', real_name: 'Uma Rep' });
      await coach('UMGR', 'add <@UREP4>');
      const deals: Array<{ id: string; closesOn: string }> = [];
      for (let n = 1; n <= TOTAL; n += 1) {
        // Seven close dates, given out of order: a date's deals span pages, only the id tells them apart.
        const closesOn = `2027-03-${String(10 - ((n * 3) % 7)).padStart(2, '0')}`;
        deals.push({
          id: await addDeal('UREP4', { account: `Paged ${n}`, expectedCloseOn: closesOn }),
          closesOn,
        });
      }
      await addDeal('UREP4', { account: 'Paged closed', stage: 'lost' });
      ordered = deals
        .sort((a, b) => a.closesOn.localeCompare(b.closesOn) || Number(BigInt(a.id) - BigInt(b.id)))
        .map((deal) => deal.id);
    });

    /** The list after the latest views.update, once there are `count` of them in this test. */
    async function updatedList(count: number): Promise<{ view_id: unknown; hash: unknown; view: View }> {
      const updates = await fixture.standIn.waitForCalls('views.update', count);
      const update = updates[count - 1];
      if (update === undefined) throw new Error(`no views.update number ${count}`);
      expect(update.ok).toBe(true);
      const args = update.args as { view_id: unknown; hash: unknown; view: View };
      expect(args.view.callback_id).toBe(REP_OPPORTUNITY_MODALS.list);
      return args;
    }

    it('turns pages in place: Next twice to the last page, which has no Next, then Previous back', async () => {
      await pickRep('UMGR', 'UREP4');
      const [open] = await fixture.standIn.waitForCalls('views.open', 1);
      const first = open?.args.view as View;
      expect(rowsOf(first)).toEqual(pageOf(1));
      expect(JSON.stringify(first)).toContain(`Showing 1–40 of ${TOTAL}, closing soonest first`);
      expect(JSON.stringify(first)).toContain("Uma Rep's opportunities (93 open)");
      expect(pageButtonsOf(first)).toEqual(['Next 40 ›']);

      let held = heldView(REP_OPPORTUNITY_MODALS.list);
      await clickPage('UMGR', REP_OPPORTUNITY_ACTIONS.nextPage, held);
      let update = await updatedList(1);
      // The same modal, only if Slack still holds the copy that was clicked.
      expect(update.view_id).toBe(held.id);
      expect(update.hash).toBe(held.hash);
      expect(rowsOf(update.view)).toEqual(pageOf(2));
      expect(JSON.stringify(update.view)).toContain(`Showing 41–80 of ${TOTAL}, closing soonest first`);
      expect(pageButtonsOf(update.view)).toEqual(['‹ Previous', 'Next 13 ›']);

      held = heldView(REP_OPPORTUNITY_MODALS.list);
      await clickPage('UMGR', REP_OPPORTUNITY_ACTIONS.nextPage, held);
      update = await updatedList(2);
      expect(rowsOf(update.view)).toEqual(pageOf(3));
      expect(rowsOf(update.view)).toHaveLength(13);
      expect(JSON.stringify(update.view)).toContain(`Showing 81–93 of ${TOTAL}, closing soonest first`);
      expect(pageButtonsOf(update.view)).toEqual(['‹ Previous']);
      expect(JSON.stringify(update.view)).not.toContain('Paged closed');

      held = heldView(REP_OPPORTUNITY_MODALS.list);
      await clickPage('UMGR', REP_OPPORTUNITY_ACTIONS.previousPage, held);
      update = await updatedList(3);
      expect(rowsOf(update.view)).toEqual(pageOf(2));

      // Every open deal was on exactly one page.
      expect(new Set([...pageOf(1), ...pageOf(2), ...pageOf(3)]).size).toBe(TOTAL);
    });

    it('leaves the newer page alone when a click comes from a copy of the list drawn over since', async () => {
      const logsBefore = fixture.bot.logs.lines.length;
      await pickRep('UMGR', 'UREP4');
      await fixture.standIn.waitForCalls('views.open', 1);
      const stale = heldView(REP_OPPORTUNITY_MODALS.list);
      await clickPage('UMGR', REP_OPPORTUNITY_ACTIONS.nextPage, stale);
      await updatedList(1);
      // A second click on Next, sent before Slack showed page 2: its copy of the view is page 1's.
      await clickPage('UMGR', REP_OPPORTUNITY_ACTIONS.nextPage, stale);
      const updates = await fixture.standIn.waitForCalls('views.update', 2);
      expect(updates[1]).toMatchObject({ ok: false, error: 'hash_conflict' });
      await fixture.bot.bot.listenersIdle(2_000);
      expect(rowsOf(heldView(REP_OPPORTUNITY_MODALS.list))).toEqual(pageOf(2));
      // Nothing went wrong: no error is logged for it (Bolt's error handler would log it just after the
      // listener's work has ended).
      await new Promise((resolve) => setTimeout(resolve, 100));
      const problems = fixture.bot.logs
        .entries()
        .slice(logsBefore)
        .filter((entry) => entry.level === 'error' || entry.level === 'warn');
      expect(problems).toEqual([]);
    });

    it('refuses a forged page click for a rep the clicker may not see, as a forged pick, with no deals', async () => {
      await pickRep('UMGR2', 'UREP4');
      const [open] = await fixture.standIn.waitForCalls('views.open', 1);
      const refusal = "Only their manager <@UMGR> or an admin can see <@UREP4>'s opportunities.";
      expect(JSON.stringify(open?.args.view)).toContain(refusal);
      const notice = heldView(REP_OPPORTUNITY_MODALS.notice);

      await clickPage('UMGR2', REP_OPPORTUNITY_ACTIONS.nextPage, {
        id: notice.id,
        hash: notice.hash,
        private_metadata: JSON.stringify({ repSlackUserId: 'UREP4', offset: REP_OPPORTUNITY_ROWS }),
      });
      const [update] = await fixture.standIn.waitForCalls('views.update', 1);
      expect(update?.args).toMatchObject({
        view_id: notice.id,
        view: { callback_id: REP_OPPORTUNITY_MODALS.notice },
      });
      expect(JSON.stringify(update?.args.view)).toContain(refusal);

      const sent = await everythingSent();
      for (const dealText of ['Paged', 'rep_opportunity_', 'Showing', 'Uma Rep']) {
        expect(sent).not.toContain(dealText);
      }
      expect(sent).not.toContain(`"callback_id":"${REP_OPPORTUNITY_MODALS.list}"`);
    });

    it('offers a rep their own whole list from the Home, with pages, and only their own', async () => {
      await fixture.bot.driver.event({
        type: 'app_home_opened',
        user: 'UREP4',
        channel: 'DUREP4',
        tab: 'home',
      });
      const home = await publishedHome('UREP4');
      expect(home).toContain(`"action_id":"${OPPORTUNITY_ACTIONS.seeAll}"`);
      expect(home).toContain(`See all ${TOTAL}`);

      // The button names nobody; a value slipped into it changes nothing.
      const triggerId = newTriggerId();
      await fixture.bot.driver.blockAction({
        userId: 'UREP4',
        actionId: OPPORTUNITY_ACTIONS.seeAll,
        value: 'UREP1',
        view: { type: 'home' },
        triggerId,
      });
      const [open] = await fixture.standIn.waitForCalls('views.open', 1);
      expect(open?.args.trigger_id).toBe(triggerId);
      const list = open?.args.view as View;
      expect(rowsOf(list)).toEqual(pageOf(1));
      expect(JSON.stringify(list)).toContain(`Showing 1–40 of ${TOTAL}, closing soonest first`);
      expect(JSON.stringify(list)).toContain(`Your opportunities (${TOTAL} open)`);

      await clickPage('UREP4', REP_OPPORTUNITY_ACTIONS.nextPage, heldView(REP_OPPORTUNITY_MODALS.list));
      expect(rowsOf((await updatedList(1)).view)).toEqual(pageOf(2));
    });

    it('shows no See all on a Home whose deals all fit', async () => {
      await fixture.bot.driver.event({
        type: 'app_home_opened',
        user: 'UREP1',
        channel: 'DUREP1',
        tab: 'home',
      });
      expect(await publishedHome('UREP1')).not.toContain(OPPORTUNITY_ACTIONS.seeAll);
    });

    /** UMGR's list of UREP4 opened and turned to the `page`-th page; the list as Slack holds it then. */
    async function openOnPage(page: number): Promise<HeldView> {
      await pickRep('UMGR', 'UREP4');
      await fixture.standIn.waitForCalls('views.open', 1);
      for (let turned = 1; turned < page; turned += 1) {
        await clickPage('UMGR', REP_OPPORTUNITY_ACTIONS.nextPage, heldView(REP_OPPORTUNITY_MODALS.list));
        await updatedList(turned);
      }
      return heldView(REP_OPPORTUNITY_MODALS.list);
    }

    /** Edit on a deal of `list`, saved with a new amount; the form's metadata. */
    async function editAndSave(list: HeldView, dealId: string, amount: string): Promise<unknown> {
      const account = (
        await db()
          .selectFrom('opportunities')
          .select('account')
          .where('id', '=', dealId)
          .executeTakeFirstOrThrow()
      ).account;
      const closesOn = (
        await db()
          .selectFrom('opportunities')
          .select('expected_close_on')
          .where('id', '=', dealId)
          .executeTakeFirstOrThrow()
      ).expected_close_on;
      const pushes = fixture.standIn.calls('views.push').length;
      await clickEdit('UMGR', dealId, list);
      const push = (await fixture.standIn.waitForCalls('views.push', pushes + 1))[pushes];
      const form = push?.args.view as View;
      expect(form.callback_id).toBe(OPPORTUNITY_MODAL);
      expect(JSON.stringify(form)).toContain(account);
      const response = await fixture.bot.driver.viewSubmission({
        userId: 'UMGR',
        callbackId: OPPORTUNITY_MODAL,
        values: formValues({
          account: { type: 'plain_text_input', value: account },
          amount: { type: 'plain_text_input', value: amount },
          expectedCloseOn: { type: 'datepicker', selected_date: closesOn },
        }),
        privateMetadata: form.private_metadata ?? '',
        previousViewId: list.id,
      });
      expect(response.status).toBe(200);
      return JSON.parse(form.private_metadata ?? '');
    }

    it('pushes the form from a deal on page 2, and saving draws page 2 again with the change', async () => {
      const list = await openOnPage(2);
      const dealId = pageOf(2)[5] as string;
      const metadata = await editAndSave(list, dealId, '777');
      expect(metadata).toEqual({
        opportunityId: dealId,
        version: 1,
        listViewId: list.id,
        listOffset: REP_OPPORTUNITY_ROWS,
      });

      const update = await updatedList(2);
      expect(update.view_id).toBe(list.id);
      expect(rowsOf(update.view)).toEqual(pageOf(2));
      const json = JSON.stringify(update.view);
      expect(json).toContain(`Showing 41–80 of ${TOTAL}, closing soonest first`);
      expect(json).toMatch(/\*Paged \d+\* — 40 seats · EUR 777 · Proposal/);
      expect(JSON.parse(heldView(REP_OPPORTUNITY_MODALS.list).private_metadata)).toEqual({
        repSlackUserId: 'UREP4',
        offset: REP_OPPORTUNITY_ROWS,
      });
    });

    it('draws the last page there is when the page the form was on is gone by the save', async () => {
      const list = await openOnPage(3);
      const dealId = pageOf(3)[0] as string;
      // Meanwhile 20 deals are won: 73 are left, two pages, and page 3 is no more.
      await db()
        .updateTable('opportunities')
        .set({ stage: 'won' })
        .where('id', 'in', pageOf(1).slice(0, 20))
        .execute();
      await editAndSave(list, dealId, '888');

      const update = await updatedList(3);
      const still = ordered.filter((id) => !pageOf(1).slice(0, 20).includes(id));
      expect(rowsOf(update.view)).toEqual(still.slice(REP_OPPORTUNITY_ROWS));
      const json = JSON.stringify(update.view);
      expect(json).toContain("Uma Rep's opportunities (73 open)");
      expect(json).toContain('Showing 41–73 of 73, closing soonest first');
      expect(json).toContain('EUR 888');
      expect(pageButtonsOf(update.view)).toEqual(['‹ Previous']);
      expect(JSON.parse(heldView(REP_OPPORTUNITY_MODALS.list).private_metadata)).toEqual({
        repSlackUserId: 'UREP4',
        offset: REP_OPPORTUNITY_ROWS,
      });
    });
  });
});
