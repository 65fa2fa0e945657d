import type { ModalView } from '@slack/types';
import { WebClient } from '@slack/web-api';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  insertOpportunity,
  type OpportunityFields,
  updateOpportunity,
} from '../../src/db/queries/opportunities.js';
import { deliverPendingReviewSummaries } from '../../src/domain/deal-review/summary.js';
import { REVIEW_SUMMARY_METADATA_EVENT, slackReviewSummaries } from '../../src/slack/review-summaries.js';
import {
  DEAL_REVIEW_ACTIONS,
  DEAL_REVIEW_MODALS,
  MAX_VIEW_BLOCKS,
} from '../../src/slack/views/deal-review.js';
import { useBotFixture } from '../support/bot.js';
import { MovableClock } from '../support/clock.js';
import { eventually, seedPerson, seedTeam, WORKSPACE_ID } from '../support/coaching.js';

// Monday 23 November 2026, 16:00 in Paris (CET, UTC+1): the manager's local date is 2026-11-23.
const NOW = '2026-11-23T15:00:00Z';
const TODAY = '2026-11-23';
const PARIS = 'Europe/Paris';

const MANAGER = 'UMGR0001';
const ALICE = 'UALICE001';
const BOB = 'UBOB00001';
const CAROL = 'UCAROL001';
const OTHER_MANAGER = 'UOTHER001';
const OTHER_REP = 'UOREP0001';

type Element = Record<string, unknown>;
/** view.state.values: block id → action id → element state. */
type Values = Record<string, Record<string, Element>>;
/** What the manager changed: block id → the element's new state. */
type Typed = Record<string, Element>;

interface Shown {
  view: ModalView;
  viewId: string;
}

describe('/dealreview: the five-part review modal', () => {
  const clock = new MovableClock(NOW);
  const fixture = useBotFixture({ clock });
  const ids: Record<string, number> = {};
  const deals = {} as Record<'globex' | 'initech' | 'acme', string>;

  beforeAll(async () => {
    const db = fixture.database.db;
    const people: Array<[string, string]> = [
      [MANAGER, 'Morgan'],
      [ALICE, 'Alice'],
      [BOB, 'Bob'],
      [CAROL, 'Carol'],
      [OTHER_MANAGER, 'Olga'],
      [OTHER_REP, 'Oscar'],
    ];
    // Slack must know everyone before they are seeded, or the profile refresh marks them gone.
    for (const [id, name] of people) {
      fixture.standIn.addUser({ id, real_name: name, tz: PARIS, profile: { display_name: name } });
    }
    const emea = await seedTeam(db, { name: 'EMEA', timezone: PARIS });
    await db.updateTable('teams').set({ reporting_currency: 'EUR' }).where('id', '=', emea).execute();
    ids.manager = await seedPerson(db, {
      slackUserId: MANAGER,
      name: 'Morgan',
      isRep: false,
      isManager: true,
      teamId: emea,
      timezone: PARIS,
    });
    const managerId = ids.manager;
    ids.alice = await seedPerson(db, {
      slackUserId: ALICE,
      name: 'Alice',
      managerId,
      teamId: emea,
      timezone: PARIS,
    });
    ids.bob = await seedPerson(db, {
      slackUserId: BOB,
      name: 'Bob',
      managerId,
      teamId: emea,
      timezone: PARIS,
    });
    ids.carol = await seedPerson(db, {
      slackUserId: CAROL,
      name: 'Carol',
      managerId,
      teamId: emea,
      timezone: PARIS,
    });
    const americas = await seedTeam(db, { name: 'Americas', timezone: PARIS });
    ids.other = await seedPerson(db, {
      slackUserId: OTHER_MANAGER,
      name: 'Olga',
      isRep: false,
      isManager: true,
      teamId: americas,
      timezone: PARIS,
    });
    ids.oscar = await seedPerson(db, {
      slackUserId: OTHER_REP,
      name: 'Oscar',
      managerId: ids.other,
      teamId: americas,
      timezone: PARIS,
    });

    const sale = (personId: number, closedOn: string, amount: string) => ({
      workspace_id: WORKSPACE_ID,
      person_id: personId,
      description: 'fixture',
      amount,
      currency: 'EUR',
      account: 'Fixture',
      closed_on: closedOn,
      source: 'import' as const,
    });
    await db
      .insertInto('sales')
      .values([
        sale(ids.alice, '2026-02-10', '1000.00'),
        sale(ids.alice, '2026-08-15', '500.00'),
        sale(ids.alice, '2026-10-05', '250.00'),
        sale(ids.bob, '2026-10-20', '750.00'),
      ])
      .execute();

    // The review before this one, on 20 October, with one next step done and one not.
    const previous = await db
      .insertInto('reviews')
      .values({
        workspace_id: WORKSPACE_ID,
        rep_id: ids.alice,
        manager_id: managerId,
        reviewed_on: '2026-10-20',
        content: JSON.stringify({}),
        submission_key: 'seeded-october-review',
        created_at: '2026-10-20T10:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('commitments')
      .values([
        {
          workspace_id: WORKSPACE_ID,
          review_id: previous.id,
          rep_id: ids.alice,
          owner_id: ids.alice,
          position: 1,
          text: 'Send the Globex proposal',
          due_on: '2026-10-30',
          status: 'done',
        },
        {
          workspace_id: WORKSPACE_ID,
          review_id: previous.id,
          rep_id: ids.alice,
          owner_id: managerId,
          position: 2,
          text: 'Introduce Alice to the Initech CFO',
          due_on: '2026-11-02',
        },
      ])
      .execute();

    const base: OpportunityFields = {
      account: 'Acme',
      name: 'Expansion',
      amount: '8000.00',
      currency: 'EUR',
      stage: 'proposal',
      expectedCloseOn: '2026-12-05',
      probability: 60,
      decisionMakers: [{ name: 'Ann', role: 'CFO', buying_criteria: 'payback under a year' }],
      problem: 'Month-end close takes 9 days',
      customerTimeline: null,
      buyerActions: ['shared_problem'],
      buyerActionsNote: null,
    };
    const create = async (personId: number, at: string, fields: Partial<OpportunityFields>) => {
      const row = await insertOpportunity(
        db,
        { ...base, ...fields, workspaceId: WORKSPACE_ID, personId, externalId: null },
        { source: 'home', recordedById: personId, now: new Date(at) },
      );
      return row.id;
    };
    const change = (id: string, at: string, fields: Partial<OpportunityFields>) =>
      updateOpportunity(db, id, fields, {
        source: 'home',
        recordedById: ids.alice as number,
        now: new Date(at),
      });

    deals.globex = await create(ids.alice, '2026-10-01T09:00:00Z', {
      account: 'Globex',
      name: 'Renewal',
      stage: 'discovery',
      expectedCloseOn: '2027-02-01',
    });
    await change(deals.globex, '2026-11-05T09:00:00Z', { stage: 'negotiation' });
    deals.initech = await create(ids.alice, '2026-10-01T09:00:00Z', {
      account: 'Initech',
      name: 'Pilot',
      stage: 'qualified',
      expectedCloseOn: '2026-11-30',
    });
    await change(deals.initech, '2026-11-02T09:00:00Z', { expectedCloseOn: '2026-12-15' });
    await change(deals.initech, '2026-11-10T09:00:00Z', { expectedCloseOn: '2027-01-15' });
    deals.acme = await create(ids.alice, '2026-11-10T09:00:00Z', {});
    // Carol works 40 open deals, all closing within 30 days.
    for (let index = 0; index < 40; index++) {
      await create(ids.carol, '2026-11-01T09:00:00Z', {
        account: `Account ${index + 1}`,
        name: `Deal ${index + 1}`,
        expectedCloseOn: '2026-12-10',
        problem: 'p'.repeat(2500),
      });
    }
  });

  const driver = () => fixture.bot.driver;
  const standIn = () => fixture.standIn;
  const db = () => fixture.database.db;

  /** Runs the command and waits for the review to fill the modal the trigger id opened. */
  async function openReview(userId: string, text: string): Promise<Shown> {
    const before = standIn().calls('views.update').length;
    const response = await driver().slashCommand({ command: '/dealreview', text, userId });
    expect(response.status).toBe(200);
    const updates = await standIn().waitForCalls('views.update', before + 1, 5_000);
    const update = updates[before];
    expect(update?.ok).toBe(true);
    return { view: update?.args.view as ModalView, viewId: update?.args.view_id as string };
  }

  /** view.state.values as Slack sends them: what the inputs started with, with the manager's typing on top. */
  function stateOf(view: ModalView, typed: Typed = {}): Values {
    const values: Values = {};
    for (const block of view.blocks) {
      if (block.type !== 'input') continue;
      const element = (block as unknown as { element: Element }).element;
      const start: Element = { type: element.type };
      if (element.type === 'plain_text_input') start.value = element.initial_value ?? null;
      if (element.type === 'checkboxes') start.selected_options = element.initial_options ?? [];
      if (element.type === 'radio_buttons') start.selected_option = element.initial_option ?? null;
      if (element.type === 'datepicker') start.selected_date = element.initial_date ?? null;
      values[block.block_id as string] = { value: { ...start, ...typed[block.block_id as string] } };
    }
    return values;
  }

  function submit(userId: string, shown: Shown, typed: Typed = {}) {
    return driver().viewSubmission({
      userId,
      callbackId: DEAL_REVIEW_MODALS.review,
      privateMetadata: shown.view.private_metadata ?? '',
      viewId: shown.viewId,
      values: stateOf(shown.view, typed),
    });
  }

  /** Next: the page the response puts in its place. */
  async function next(userId: string, shown: Shown, typed: Typed = {}): Promise<Shown> {
    const response = await submit(userId, shown, typed);
    const body = response.json as { response_action?: string; view?: ModalView; errors?: unknown };
    expect(body, JSON.stringify(body.errors)).toMatchObject({ response_action: 'update' });
    return { view: body.view as ModalView, viewId: shown.viewId };
  }

  const text = (shown: Shown) => JSON.stringify(shown.view.blocks);
  const draftIdOf = (shown: Shown) => (shown.view.private_metadata ?? '').split(':')[0];
  const reviewsOf = (repId: number) =>
    db()
      .selectFrom('reviews')
      .selectAll()
      .where('rep_id', '=', repId)
      .where('submission_key', '<>', 'seeded-october-review')
      .execute();
  /** Morgan's draft for the rep (an admin may hold their own draft for the same rep). */
  const draftOf = (repId: number) =>
    db()
      .selectFrom('review_drafts')
      .selectAll()
      .where('rep_id', '=', repId)
      .where('manager_id', '=', ids.manager as number)
      .executeTakeFirst();

  const commitment = (slot: number, what: string, owner: 'rep' | 'manager', due: string): Typed => ({
    [`commitment_${slot}_text`]: { value: what },
    [`commitment_${slot}_owner`]: { selected_option: { value: owner } },
    [`commitment_${slot}_due`]: { selected_date: due },
  });

  it('opens with the trigger id at once, then fills part 1 from the stored sales; parts 2–5 follow; the review is stored and summarised once', async () => {
    const triggerId = '1234567890.987654321.abcdefabcdefabcdefabcdefabcdef12';
    const response = await driver().slashCommand({
      command: '/dealreview',
      text: `<@${ALICE}|alice>`,
      userId: MANAGER,
      triggerId,
    });
    expect(response.status).toBe(200);
    const [open] = await standIn().waitForCalls('views.open', 1);
    expect(open?.args).toMatchObject({
      trigger_id: triggerId,
      view: { callback_id: DEAL_REVIEW_MODALS.loading },
    });
    const [update] = await standIn().waitForCalls('views.update', 1, 5_000);
    // The stand-in checks the view id and hash against the view views.open created.
    expect(update?.ok).toBe(true);
    expect(update?.args).toMatchObject({ view_id: expect.any(String), hash: expect.any(String) });
    let shown: Shown = { view: update?.args.view as ModalView, viewId: update?.args.view_id as string };

    // Part 1, hand-computed over Alice, Bob and Carol: Alice 1000 + 500 + 250 this year, Bob 750.
    expect(text(shown)).toContain('Alice: *EUR 1,750* from 3 deals');
    expect(text(shown)).toContain('Team average: EUR 833.33 from 1.3 deals');
    expect(text(shown)).toContain(
      '*Last quarter* (1 Jul – 30 Sept 2026)\\nAlice: *EUR 500* from 1 deal\\nTeam average: EUR 166.67 from 0.3 deals',
    );
    expect(text(shown)).toContain('Alice: *EUR 250* from 1 deal\\nTeam average: EUR 333.33 from 0.7 deals');
    expect(text(shown)).toContain(':white_check_mark: Done: Send the Globex proposal');
    expect(text(shown)).toContain(':white_square: Not done: Introduce Alice to the Initech CFO — Morgan');

    shown = await next(MANAGER, shown);
    expect(text(shown)).toContain('New since the last review (1)');
    expect(text(shown)).toContain('*Acme* — Expansion');

    shown = await next(MANAGER, shown);
    expect(text(shown)).toContain('*Globex* — Renewal: Discovery → Negotiation');
    expect(text(shown)).toContain(
      '*Initech* — Pilot: still Qualified · close date Mon 30 Nov 2026 → Fri 15 Jan 2027 · close date pushed ×2',
    );

    shown = await next(MANAGER, shown);
    expect(text(shown)).toContain('Part 4 of 5');
    expect(text(shown)).toContain('Month-end close takes 9 days');
    const acme = (field: string) => `forecast_${deals.acme}_${field}`;
    shown = await next(MANAGER, shown, {
      [acme('actions')]: { selected_options: [{ value: 'shared_problem' }, { value: 'asked_for_proposal' }] },
      [acme('amount')]: { value: '9,000' },
      [acme('probability')]: { value: '70' },
      [acme('reason')]: { value: 'They asked for pricing for 40 seats' },
      [acme('improve')]: { value: 'Meet Ann before the board meeting' },
    });
    expect(text(shown)).toContain('Next steps');
    // Morgan has reps, so gets the digest that asks about the next steps Morgan owns.
    expect(text(shown)).toContain('Each needs an owner and a due date; the bot follows them up.');

    const final = {
      ...commitment(1, 'Send Acme the order form', 'rep', '2026-11-27'),
      ...commitment(3, 'Call the Initech CFO', 'manager', TODAY),
    };
    const saved = await submit(MANAGER, shown, final);
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');

    const [review] = await reviewsOf(ids.alice as number);
    expect(review).toMatchObject({ manager_id: ids.manager, reviewed_on: TODAY });
    const content = review?.content as Record<string, unknown>;
    expect(content).toMatchObject({
      agenda: { repId: ids.alice, closingSoon: [{ id: deals.acme }] },
      forecasts: [{ opportunityId: deals.acme, amount: '9000.00', probability: 70 }],
    });
    const forecasts = await db()
      .selectFrom('review_forecasts')
      .selectAll()
      .where('review_id', '=', review?.id as string)
      .execute();
    expect(forecasts).toEqual([
      expect.objectContaining({
        opportunity_id: deals.acme,
        probability: 70,
        amount: '9000.00',
        buyer_actions: ['shared_problem', 'asked_for_proposal'],
        probability_reason: 'They asked for pricing for 40 seats',
        improve_odds: 'Meet Ann before the board meeting',
      }),
    ]);
    const commitments = await db()
      .selectFrom('commitments')
      .select(['position', 'owner_id', 'text', 'due_on', 'status'])
      .where('review_id', '=', review?.id as string)
      .orderBy('position')
      .execute();
    expect(commitments).toEqual([
      {
        position: 1,
        owner_id: ids.alice,
        text: 'Send Acme the order form',
        due_on: '2026-11-27',
        status: 'open',
      },
      { position: 2, owner_id: ids.manager, text: 'Call the Initech CFO', due_on: TODAY, status: 'open' },
    ]);
    expect(await draftOf(ids.alice as number)).toBeUndefined();
    // The deal now says what the review agreed, with a revision from the review.
    const acmeRow = await db()
      .selectFrom('opportunities')
      .select(['amount', 'probability', 'buyer_actions'])
      .where('id', '=', deals.acme)
      .executeTakeFirstOrThrow();
    expect(acmeRow).toEqual({
      amount: '9000.00',
      probability: 70,
      buyer_actions: ['shared_problem', 'asked_for_proposal'],
    });
    const revisions = await db()
      .selectFrom('opportunity_revisions')
      .select(['source', 'recorded_by_id', 'amount', 'probability'])
      .where('opportunity_id', '=', deals.acme)
      .orderBy('id')
      .execute();
    expect(revisions.at(-1)).toEqual({
      source: 'review',
      recorded_by_id: ids.manager,
      amount: '9000.00',
      probability: 70,
    });

    // One summary, in one conversation of the rep and the manager.
    const stored = await eventually(async () => {
      const row = await db()
        .selectFrom('reviews')
        .selectAll()
        .where('id', '=', review?.id as string)
        .executeTakeFirstOrThrow();
      return row.summary_ts === null ? undefined : row;
    });
    const [opened] = standIn().calls('conversations.open');
    expect(String(opened?.args.users).split(',').sort()).toEqual([ALICE, MANAGER].sort());
    const posted = standIn().messages(stored.summary_channel_id as string);
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({
      ts: stored.summary_ts,
      metadata: { event_type: REVIEW_SUMMARY_METADATA_EVENT, event_payload: { review_id: review?.id } },
    });
    expect(JSON.stringify(posted[0]?.blocks)).toContain(
      'Send Acme the order form — Alice, due Fri 27 Nov 2026',
    );
    expect(JSON.stringify(posted[0]?.blocks)).toContain('EUR 9,000 at 70%');
    expect(JSON.stringify(posted[0]?.blocks)).toContain('The bot will follow up each next step.');

    // The same submission again (a double click on Save) stores nothing and posts nothing.
    const again = await submit(MANAGER, shown, final);
    expect(again.status).toBe(200);
    expect(await reviewsOf(ids.alice as number)).toHaveLength(1);
    expect(
      await db()
        .selectFrom('commitments')
        .select('id')
        .where('review_id', '=', review?.id as string)
        .execute(),
    ).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      standIn()
        .calls('chat.postMessage')
        .filter((call) => call.args.channel === stored.summary_channel_id),
    ).toHaveLength(1);
  });

  it('refuses a rep and another team’s manager, and explains an unknown or malformed rep', async () => {
    const ephemeral = async (userId: string, commandText: string) => {
      const before = standIn().calls('response_url').length;
      const response = await driver().slashCommand({ command: '/dealreview', text: commandText, userId });
      expect(response.status).toBe(200);
      const calls = await standIn().waitForCalls('response_url', before + 1);
      return calls[before]?.args as { response_type?: string; text?: string };
    };
    expect(await ephemeral(BOB, `<@${ALICE}|alice>`)).toMatchObject({
      response_type: 'ephemeral',
      text: `Only their manager <@${MANAGER}> or an admin can review <@${ALICE}>.`,
    });
    expect(await ephemeral(OTHER_MANAGER, `<@${ALICE}|alice>`)).toMatchObject({
      text: `Only their manager <@${MANAGER}> or an admin can review <@${ALICE}>.`,
    });
    expect(await ephemeral(BOB, '')).toMatchObject({
      text: 'Only a rep’s manager or an admin can run a deal review. Nobody reports to you on the roster.',
    });
    expect((await ephemeral(MANAGER, 'UNOBODY01')).text).toBe(
      '<@UNOBODY01> is not a rep on the roster, so there is nothing to review. A manager or an admin can add them with `/coach add <@UNOBODY01>`.',
    );
    expect((await ephemeral(MANAGER, '<@UNOBODY01|ghost>')).text).toMatch(
      /^<@UNOBODY01> is not a rep on the roster/,
    );

    const malformed = await driver().slashCommand({
      command: '/dealreview',
      text: 'alice please',
      userId: MANAGER,
    });
    expect(malformed.json).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('I can’t tell who “alice please” is'),
    });
    // Slack sends & as &amp; already: shown once escaped, and a mention in the text as plain text.
    const escaped = await driver().slashCommand({
      command: '/dealreview',
      text: 'R&amp;D <@UNOBODY01|ghost> please',
      userId: MANAGER,
    });
    expect(escaped.json).toMatchObject({
      text: expect.stringContaining('I can’t tell who “R&amp;D @ghost please” is'),
    });
    expect(standIn().calls('views.open')).toHaveLength(0);
  });

  it('lets an admin review any rep, and gives a manager without a rep named a picker of their reps', async () => {
    const adminShown = await openReview(OTHER_MANAGER, OTHER_REP);
    expect(text(adminShown)).toContain('reviewing Oscar');
    // Olga manages Oscar; an admin flag is not needed for her own rep, but Alice is not hers.
    await db()
      .updateTable('people')
      .set({ is_admin: true })
      .where('id', '=', ids.other as number)
      .execute();
    const asAdmin = await openReview(OTHER_MANAGER, `<@${BOB}>`);
    expect(text(asAdmin)).toContain('reviewing Bob');
    await db()
      .updateTable('people')
      .set({ is_admin: false })
      .where('id', '=', ids.other as number)
      .execute();

    standIn().reset();
    await driver().slashCommand({ command: '/dealreview', userId: MANAGER });
    const [open] = await standIn().waitForCalls('views.open', 1);
    const picker = open?.args.view as ModalView;
    expect(picker.callback_id).toBe(DEAL_REVIEW_MODALS.picker);
    expect(JSON.stringify(picker.blocks)).toContain(`"value":"${BOB}"`);
    expect(JSON.stringify(picker.blocks)).not.toContain(OTHER_REP);

    const empty = await driver().viewSubmission({
      userId: MANAGER,
      callbackId: DEAL_REVIEW_MODALS.picker,
      values: {},
    });
    expect(empty.json).toEqual({ response_action: 'errors', errors: { deal_review_rep: 'Pick a rep.' } });

    // The picker's own view becomes the review: a light view in the response, then the review.
    standIn().respond('views.update', (args) => ({ view: { ...(args.view as object), id: args.view_id } }));
    const picked = await driver().viewSubmission({
      userId: MANAGER,
      callbackId: DEAL_REVIEW_MODALS.picker,
      viewId: 'VPICKER001',
      values: {
        deal_review_rep: {
          deal_review_rep_value: { type: 'static_select', selected_option: { value: BOB } },
        },
      },
    });
    expect(picked.json).toMatchObject({
      response_action: 'update',
      view: { callback_id: DEAL_REVIEW_MODALS.loading },
    });
    // Named before the ack, when only the picked id is known: Slack renders the mention as the name.
    expect(JSON.stringify(picked.json)).toContain(`Getting <@${BOB}>’s numbers and deals ready`);
    const [review] = await standIn().waitForCalls('views.update', 1, 5_000);
    expect(review?.args).toMatchObject({
      view_id: 'VPICKER001',
      view: { callback_id: DEAL_REVIEW_MODALS.review },
    });
    expect(JSON.stringify(review?.args.view)).toContain('reviewing Bob');
  });

  it('returns every validation problem inline, keyed by block, and stores nothing', async () => {
    let shown = await openReview(MANAGER, `<@${ALICE}>`);
    shown = await next(MANAGER, shown);
    shown = await next(MANAGER, shown);
    const part4 = await next(MANAGER, shown);
    const acme = (field: string) => `forecast_${deals.acme}_${field}`;
    const draftBefore = await draftOf(ids.alice as number);

    const cases: Array<[Typed, Record<string, string>]> = [
      [
        { [acme('probability')]: { value: '120' } },
        { [acme('probability')]: 'A probability goes from 0 to 100.' },
      ],
      [
        { [acme('probability')]: { value: '33.3' } },
        { [acme('probability')]: 'Use a whole number from 0 to 100, like 60.' },
      ],
      [{ [acme('amount')]: { value: '-50' } }, { [acme('amount')]: "Revenue can't be negative." }],
      [{ [acme('amount')]: { value: '' } }, { [acme('amount')]: 'Enter the revenue (0 is fine).' }],
      [
        { [acme('reason')]: { value: 'r'.repeat(3001) } },
        { [acme('reason')]: 'Use at most 3,000 characters (this has 3,001).' },
      ],
    ];
    for (const [typed, errors] of cases) {
      const withReason = { [acme('reason')]: { value: 'They asked for pricing' }, ...typed };
      const response = await submit(MANAGER, part4, withReason);
      expect(response.json, JSON.stringify(typed)).toEqual({ response_action: 'errors', errors });
    }
    const missingReason = await submit(MANAGER, part4);
    expect(missingReason.json).toEqual({
      response_action: 'errors',
      errors: { [acme('reason')]: 'Say why: what has the customer done that backs this number?' },
    });
    expect(await draftOf(ids.alice as number)).toEqual(draftBefore);

    const part5 = await next(MANAGER, part4, { [acme('reason')]: { value: 'They asked for pricing' } });
    const before5 = await draftOf(ids.alice as number);
    const finalCases: Array<[Typed, Record<string, string>]> = [
      [{}, { commitment_1_text: 'Agree on at least one next step.' }],
      [
        commitment(1, 'Send the order form', 'rep', '2026-11-22'),
        { commitment_1_due: 'Pick today or a later date.' },
      ],
      [
        { commitment_2_text: { value: 'Call Ann' } },
        { commitment_2_owner: 'Pick who will do it.', commitment_2_due: 'Pick a due date.' },
      ],
      [
        commitment(1, 't'.repeat(3001), 'manager', TODAY),
        { commitment_1_text: 'Use at most 3,000 characters (this has 3,001).' },
      ],
    ];
    for (const [typed, errors] of finalCases) {
      const response = await submit(MANAGER, part5, typed);
      expect(response.json, JSON.stringify(typed)).toEqual({ response_action: 'errors', errors });
    }
    expect(await draftOf(ids.alice as number)).toEqual(before5);
    expect(await reviewsOf(ids.alice as number)).toHaveLength(1);
  });

  it('stores one review when the same Save arrives twice at once', async () => {
    // Alice's draft from the test before reopens on part 5.
    const shown = await openReview(MANAGER, `<@${ALICE}>`);
    expect(shown.view.private_metadata).toMatch(/:next$/);
    const typed = commitment(1, 'Send the order form', 'rep', '2026-11-30');
    const responses = await Promise.all([submit(MANAGER, shown, typed), submit(MANAGER, shown, typed)]);
    expect(responses.map((response) => [response.status, response.text])).toEqual([
      [200, ''],
      [200, ''],
    ]);
    const reviews = await reviewsOf(ids.alice as number);
    expect(reviews).toHaveLength(2);
    const latest = reviews.find((review) => review.submission_key.startsWith(`${draftIdOf(shown)}:`));
    const commitments = await db()
      .selectFrom('commitments')
      .select('text')
      .where('review_id', '=', latest?.id as string)
      .execute();
    expect(commitments).toEqual([{ text: 'Send the order form' }]);
  });

  it('keeps what a closed modal had, and the next /dealreview reopens it there with the values filled in', async () => {
    let shown = await openReview(MANAGER, `<@${BOB}>`);
    shown = await next(MANAGER, shown);
    shown = await next(MANAGER, shown);
    shown = await next(MANAGER, shown);
    expect(text(shown)).toContain('Next steps');
    const closed = await driver().viewClosed({
      userId: MANAGER,
      callbackId: DEAL_REVIEW_MODALS.review,
      privateMetadata: shown.view.private_metadata ?? '',
      viewId: shown.viewId,
      // Typed but not checked: closing never loses work, even half-done.
      values: stateOf(shown.view, {
        ...commitment(1, 'Shadow two calls', 'rep', '2026-12-01'),
        commitment_2_text: { value: 'Half a thought' },
      }),
    });
    expect(closed.status).toBe(200);
    const draft = await eventually(async () => {
      const row = await draftOf(ids.bob as number);
      return row?.state && JSON.stringify(row.state).includes('Shadow two calls') ? row : undefined;
    });
    expect(draft.step).toBe('next');

    const reopened = await openReview(MANAGER, `<@${BOB}>`);
    expect(reopened.view.private_metadata).toMatch(/:next$/);
    const blocks = reopened.view.blocks as Array<{ block_id?: string; element?: Record<string, unknown> }>;
    const element = (id: string) => blocks.find((block) => block.block_id === id)?.element;
    expect(element('commitment_1_text')).toMatchObject({ initial_value: 'Shadow two calls' });
    expect(element('commitment_1_owner')).toMatchObject({ initial_option: { value: 'rep' } });
    expect(element('commitment_1_due')).toMatchObject({ initial_date: '2026-12-01' });
    expect(element('commitment_2_text')).toMatchObject({ initial_value: 'Half a thought' });

    // Back keeps the page as typed and shows the one before, in the same view.
    const before = standIn().calls('views.update').length;
    await driver().blockAction({
      userId: MANAGER,
      actionId: DEAL_REVIEW_ACTIONS.back,
      view: {
        id: reopened.viewId,
        type: 'modal',
        callback_id: DEAL_REVIEW_MODALS.review,
        private_metadata: reopened.view.private_metadata,
        state: { values: stateOf(reopened.view, { commitment_1_text: { value: 'Shadow three calls' } }) },
      },
    });
    const updates = await standIn().waitForCalls('views.update', before + 1);
    expect(updates[before]?.ok).toBe(true);
    expect(JSON.stringify(updates[before]?.args.view)).toContain('Existing opportunities');
    const kept = await draftOf(ids.bob as number);
    expect(kept?.step).toBe('existing');
    expect(JSON.stringify(kept?.state)).toContain('Shadow three calls');
  });

  it('walks a rep with 40 deals closing soon through eight part-4 pages, no view over 100 blocks', async () => {
    let shown = await openReview(MANAGER, `<@${CAROL}>`);
    const views: ModalView[] = [shown.view];
    let pages = 0;
    while (!text(shown).includes('"Next steps"')) {
      const typed: Typed = {};
      for (const block of shown.view.blocks) {
        const id = block.block_id ?? '';
        if (id.endsWith('_reason')) typed[id] = { value: 'They asked for a quote' };
      }
      if (text(shown).includes('Part 4 of 5')) pages += 1;
      shown = await next(MANAGER, shown, typed);
      views.push(shown.view);
    }
    expect(pages).toBe(8);
    for (const view of views) {
      expect(view.blocks.length).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
      expect((view.private_metadata ?? '').length).toBeLessThan(3000);
    }
    const saved = await submit(MANAGER, shown, commitment(1, 'Clean up the pipeline', 'rep', '2026-12-04'));
    expect(saved.text).toBe('');
    const [review] = await reviewsOf(ids.carol as number);
    const forecasts = await db()
      .selectFrom('review_forecasts')
      .select('id')
      .where('review_id', '=', review?.id as string)
      .execute();
    expect(forecasts).toHaveLength(40);
    await eventually(async () => {
      const row = await db()
        .selectFrom('reviews')
        .select('summary_ts')
        .where('id', '=', review?.id as string)
        .executeTakeFirstOrThrow();
      return row.summary_ts ?? undefined;
    });
  });

  it('retries a summary whose post failed, and does not post it twice when Slack had it after all', async () => {
    // Slack stores the post but the answer is lost: the bot cannot know it was posted.
    standIn().fail('chat.postMessage', { kind: 'server_error', afterHandling: true });
    // Bob's draft from the test before reopens where it was left.
    let shown = await openReview(MANAGER, `<@${BOB}>`);
    while (!text(shown).includes('"Next steps"')) shown = await next(MANAGER, shown);
    const saved = await submit(MANAGER, shown, {
      ...commitment(1, 'Shadow two calls', 'rep', '2026-12-01'),
      commitment_2_text: { value: '' },
    });
    expect(saved.text).toBe('');
    const [review] = await reviewsOf(ids.bob as number);
    await standIn().waitForCalls('chat.postMessage', 1);
    await eventually(async () => {
      const row = await db()
        .selectFrom('reviews')
        .selectAll()
        .where('id', '=', review?.id as string)
        .executeTakeFirstOrThrow();
      return row.summary_attempts === 1 && row.summary_lease_until !== null ? row : undefined;
    });
    expect(
      (
        await db()
          .selectFrom('reviews')
          .select('summary_ts')
          .where('id', '=', review?.id as string)
          .executeTakeFirstOrThrow()
      ).summary_ts,
    ).toBeNull();

    // The retry job, a minute later: it finds the earlier post by its metadata instead of posting again.
    clock.advance(61_000);
    const clients = {
      forWorkspace: async () => new WebClient(fixture.bot.botToken, { slackApiUrl: standIn().apiUrl }),
    };
    const errors: unknown[] = [];
    await deliverPendingReviewSummaries(db(), clock, slackReviewSummaries(clients), (_id, error) =>
      errors.push(error),
    );
    expect(errors).toEqual([]);
    const row = await db()
      .selectFrom('reviews')
      .selectAll()
      .where('id', '=', review?.id as string)
      .executeTakeFirstOrThrow();
    expect(row.summary_ts).not.toBeNull();
    expect(standIn().calls('chat.postMessage')).toHaveLength(1);
    expect(standIn().messages(row.summary_channel_id as string)).toHaveLength(1);
    clock.set(NOW);
  });

  it('does not promise a follow-up to an admin reviewer no rep reports to: theirs stay on the App Home', async () => {
    const ADMIN = 'UADMIN001';
    standIn().addUser({ id: ADMIN, real_name: 'Ada', tz: PARIS, profile: { display_name: 'Ada' } });
    await seedPerson(db(), { slackUserId: ADMIN, name: 'Ada', isRep: false, isAdmin: true, timezone: PARIS });

    let shown = await openReview(ADMIN, `<@${OTHER_REP}>`);
    while (!text(shown).includes('"Next steps"')) shown = await next(ADMIN, shown);
    // Ada gets no digest (nobody reports to her), which is where a reviewer's next steps are asked about.
    expect(text(shown)).not.toContain('the bot follows them up');
    expect(text(shown)).toContain(
      "The bot follows up Oscar's in their daily check-in; yours stay listed on your App Home",
    );
    const saved = await submit(ADMIN, shown, {
      ...commitment(1, 'Shadow a demo', 'rep', '2026-12-01'),
      ...commitment(2, 'Send Oscar the pricing sheet', 'manager', '2026-12-02'),
    });
    expect(saved.text).toBe('');
    const [review] = await reviewsOf(ids.oscar as number);
    expect(review?.content).toMatchObject({ reviewerGetsDigest: false });
    const stored = await eventually(async () => {
      const row = await db()
        .selectFrom('reviews')
        .selectAll()
        .where('id', '=', review?.id as string)
        .executeTakeFirstOrThrow();
      return row.summary_ts === null ? undefined : row;
    });
    const summary = JSON.stringify(standIn().messages(stored.summary_channel_id as string)[0]?.blocks);
    expect(summary).not.toContain('The bot will follow up each next step.');
    expect(summary).toContain(
      "The bot will follow up Oscar's next steps in their daily check-in; Ada's next steps stay listed on Ada's App Home.",
    );
  });
});
