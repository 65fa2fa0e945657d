import { beforeAll, describe, expect, it } from 'vitest';
import {
  OPPORTUNITY_ACTIONS,
  OPPORTUNITY_FIELDS,
  OPPORTUNITY_MODAL,
} from '../../src/slack/views/opportunities.js';
import { publishedHomeView, setUpEmeaTeam, useBotFixture } from '../support/bot.js';

type FieldName = keyof typeof OPPORTUNITY_FIELDS;

/** A rep's opportunities on the App Home over signed HTTP: the rows, Add, Edit and the form. */
describe('opportunities on the App Home', () => {
  const fixture = useBotFixture({ env: { DEFAULT_CURRENCY: 'EUR' } });
  const db = () => fixture.database.db;

  const publishedHome = async (userId: string, count: number) =>
    JSON.stringify((await publishedHomeView(fixture, userId, count)).blocks);

  const click = (userId: string, actionId: string, value?: string) =>
    fixture.bot.driver.blockAction({
      userId,
      actionId,
      ...(value === undefined ? {} : { value }),
      view: { type: 'home' },
    });

  /** The form as Slack submits it: every field's state under its block and action ids. */
  function formValues(overrides: Partial<Record<FieldName, Record<string, unknown>>> = {}) {
    const states: Record<FieldName, Record<string, unknown>> = {
      account: { type: 'plain_text_input', value: 'Acme' },
      name: { type: 'plain_text_input', value: '40 seats' },
      amount: { type: 'plain_text_input', value: '12,000' },
      currency: { type: 'static_select', selected_option: { value: 'EUR' } },
      stage: { type: 'static_select', selected_option: { value: 'discovery' } },
      expectedCloseOn: { type: 'datepicker', selected_date: '2026-12-15' },
      probability: { type: 'number_input', value: '40' },
      decisionMakers: {
        type: 'plain_text_input',
        value: 'Dana Reyes — CFO — payback within a year\nLee Park — IT lead',
      },
      problem: { type: 'plain_text_input', value: 'Quotes take a week' },
      customerTimeline: { type: 'plain_text_input', value: 'Board signs off on 10 December' },
      buyerActions: {
        type: 'checkboxes',
        selected_options: [{ value: 'shared_problem' }, { value: 'ran_evaluation' }],
      },
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

  const submit = (userId: string, values: Record<string, Record<string, unknown>>, privateMetadata = '') =>
    fixture.bot.driver.viewSubmission({ userId, callbackId: OPPORTUNITY_MODAL, values, privateMetadata });

  const stored = async () => ({
    opportunities: await db().selectFrom('opportunities').selectAll().orderBy('id').execute(),
    revisions: await db().selectFrom('opportunity_revisions').selectAll().orderBy('id').execute(),
  });
  const personId = async (slackUserId: string) =>
    (
      await db()
        .selectFrom('people')
        .select('id')
        .where('slack_user_id', '=', slackUserId)
        .executeTakeFirstOrThrow()
    ).id;

  let opportunityId: string;

  beforeAll(async () => {
    await setUpEmeaTeam(fixture);
  });

  it('shows a rep an empty list with Add opportunity', async () => {
    await fixture.bot.driver.event({
      type: 'app_home_opened',
      user: 'UREP1',
      channel: 'DUREP1',
      tab: 'home',
    });
    const home = await publishedHome('UREP1', 1);
    expect(home).toContain('Your opportunities (0 open)');
    expect(home).toContain(OPPORTUNITY_ACTIONS.add);
  });

  it('opens an empty form in the default currency', async () => {
    await click('UREP1', OPPORTUNITY_ACTIONS.add);
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    expect(open?.args.view).toMatchObject({
      callback_id: OPPORTUNITY_MODAL,
      title: { text: 'Add opportunity' },
    });
    expect(open?.args.view).not.toHaveProperty('private_metadata');
    expect(JSON.stringify(open?.args.view)).toContain(
      '"initial_option":{"text":{"type":"plain_text","text":"EUR',
    );
  });

  it('answers a bad probability and a missing account inline, storing nothing', async () => {
    const before = await stored();
    const response = await submit(
      'UREP1',
      formValues({
        account: { type: 'plain_text_input', value: '  ' },
        probability: { type: 'number_input', value: '150' },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.json).toEqual({
      response_action: 'errors',
      errors: {
        [OPPORTUNITY_FIELDS.account.blockId]: 'Name the account.',
        [OPPORTUNITY_FIELDS.probability.blockId]: 'Enter a whole number from 0 to 100.',
      },
    });
    expect(await stored()).toEqual(before);
  });

  it('adds a deal with its first revision and shows it on the Home', async () => {
    const response = await submit('UREP1', formValues());
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
    const { opportunities, revisions } = await stored();
    expect(opportunities).toHaveLength(1);
    expect(opportunities[0]).toMatchObject({
      person_id: await personId('UREP1'),
      account: 'Acme',
      name: '40 seats',
      amount: '12000.00',
      currency: 'EUR',
      stage: 'discovery',
      expected_close_on: '2026-12-15',
      probability: 40,
      decision_makers: [
        { name: 'Dana Reyes', role: 'CFO', buying_criteria: 'payback within a year' },
        { name: 'Lee Park', role: 'IT lead', buying_criteria: null },
      ],
      problem: 'Quotes take a week',
      customer_timeline: 'Board signs off on 10 December',
      buyer_actions: ['shared_problem', 'ran_evaluation'],
      buyer_actions_note: null,
      close_date_pushes: 0,
    });
    expect(revisions).toMatchObject([{ source: 'home', recorded_by_id: await personId('UREP1') }]);
    opportunityId = opportunities[0]!.id;
    const home = await publishedHome('UREP1', 1);
    expect(home).toContain('Your opportunities (1 open)');
    expect(home).toContain('*Acme* — 40 seats · EUR 12,000 · Discovery · closes Tue 15 Dec 2026');
  });

  it('opens Edit with every field filled in, and the version of the deal it shows', async () => {
    await click('UREP1', OPPORTUNITY_ACTIONS.edit, opportunityId);
    const [open] = await fixture.standIn.waitForCalls('views.open', 1);
    const view = open?.args.view as { private_metadata: string };
    expect(JSON.parse(view.private_metadata)).toEqual({ opportunityId, version: 1 });
    const json = JSON.stringify(view);
    expect(json).toContain('"initial_date":"2026-12-15"');
    expect(json).toContain('Dana Reyes — CFO — payback within a year\\nLee Park — IT lead');
    expect(json).toContain('"initial_value":"40"');
  });

  it('counts a later close date as a push, with a second revision', async () => {
    const response = await submit(
      'UREP1',
      formValues({ expectedCloseOn: { type: 'datepicker', selected_date: '2027-01-20' } }),
      JSON.stringify({ opportunityId }),
    );
    expect(response.text).toBe('');
    const { opportunities, revisions } = await stored();
    expect(opportunities[0]).toMatchObject({ expected_close_on: '2027-01-20', close_date_pushes: 1 });
    expect(revisions.map((revision) => revision.expected_close_on)).toEqual(['2026-12-15', '2027-01-20']);
    expect(await publishedHome('UREP1', 1)).toContain('closes Wed 20 Jan 2027 (pushed 1×)');
  });

  it('writes no revision when the form is saved unchanged', async () => {
    const before = await stored();
    await submit(
      'UREP1',
      formValues({ expectedCloseOn: { type: 'datepicker', selected_date: '2027-01-20' } }),
      JSON.stringify({ opportunityId }),
    );
    expect(await stored()).toEqual(before);
  });

  it('refuses another rep inline, naming the people, storing nothing', async () => {
    const before = await stored();
    const response = await submit(
      'UREP2',
      formValues({ stage: { type: 'static_select', selected_option: { value: 'lost' } } }),
      JSON.stringify({ opportunityId }),
    );
    expect(response.json).toMatchObject({
      response_action: 'errors',
      // Slack shows inline errors as plain text: people by name, not as `<@U…>` markup.
      errors: {
        [OPPORTUNITY_FIELDS.account.blockId]:
          "Only their manager @Maya Manager or an admin can edit @Rita Rep's opportunities.",
      },
    });
    expect(await stored()).toEqual(before);
  });

  it('lets the manager edit, and redraws the rep’s Home too', async () => {
    const response = await submit(
      'UMGR',
      formValues({
        expectedCloseOn: { type: 'datepicker', selected_date: '2027-01-20' },
        stage: { type: 'static_select', selected_option: { value: 'won' } },
      }),
      JSON.stringify({ opportunityId }),
    );
    expect(response.text).toBe('');
    const { opportunities, revisions } = await stored();
    expect(opportunities[0]).toMatchObject({ stage: 'won', closed_at: expect.any(Date) });
    expect(revisions.at(-1)).toMatchObject({ stage: 'won', recorded_by_id: await personId('UMGR') });
    // Won is no longer open: the rep's list is empty again.
    expect(await publishedHome('UREP1', 1)).toContain('Your opportunities (0 open)');
  });

  it('adds one deal when the same form arrives twice, and closes the form both times', async () => {
    const before = await stored();
    // Slack delivers a submission again when the ack came late; a rep presses Save again after an error.
    const again = () =>
      fixture.bot.driver.viewSubmission({
        userId: 'UREP1',
        callbackId: OPPORTUNITY_MODAL,
        values: formValues({ account: { type: 'plain_text_input', value: 'Initech' } }),
        viewId: 'V0ADDTWICE',
      });
    const first = await again();
    const second = await again();
    expect([first.status, first.text, second.status, second.text]).toEqual([200, '', 200, '']);
    const { opportunities, revisions } = await stored();
    expect(opportunities).toHaveLength(before.opportunities.length + 1);
    expect(opportunities.filter((deal) => deal.account === 'Initech')).toMatchObject([
      { submission_key: 'view:V0ADDTWICE' },
    ]);
    expect(revisions).toHaveLength(before.revisions.length + 1);
    // The second is answered as the first was: the Home drawn again, with the one deal.
    const home = await publishedHome('UREP1', 2);
    expect(home).toContain('Your opportunities (1 open)');
    expect(home.match(/\*Initech\*/g)).toHaveLength(1);
  });

  describe('an edit form opened before a later change', () => {
    let dealId: string;

    /** Edit clicked on the deal's Home row by `userId`: the form's private_metadata. */
    async function openEdit(userId: string): Promise<string> {
      const opens = fixture.standIn.calls('views.open').length;
      await click(userId, OPPORTUNITY_ACTIONS.edit, dealId);
      const open = (await fixture.standIn.waitForCalls('views.open', opens + 1))[opens];
      return String((open?.args.view as { private_metadata?: string } | undefined)?.private_metadata);
    }

    const dealNow = () =>
      db().selectFrom('opportunities').selectAll().where('id', '=', dealId).executeTakeFirstOrThrow();

    beforeAll(async () => {
      await submit('UREP1', formValues({ account: { type: 'plain_text_input', value: 'Globex' } }));
      dealId = (
        await db()
          .selectFrom('opportunities')
          .select('id')
          .where('account', '=', 'Globex')
          .executeTakeFirstOrThrow()
      ).id;
    });

    it('refuses inline to save over the newer change, and keeps it', async () => {
      const repForm = await openEdit('UREP1');
      // Meanwhile the manager moves the deal on from a form of their own.
      const managerForm = await openEdit('UMGR');
      const moved = await submit(
        'UMGR',
        formValues({
          account: { type: 'plain_text_input', value: 'Globex' },
          stage: { type: 'static_select', selected_option: { value: 'proposal' } },
        }),
        managerForm,
      );
      expect(moved.text).toBe('');
      const before = await stored();

      // The rep's form still shows Discovery: saving it would put the deal back there.
      const response = await submit(
        'UREP1',
        formValues({
          account: { type: 'plain_text_input', value: 'Globex' },
          amount: { type: 'plain_text_input', value: '20,000' },
        }),
        repForm,
      );
      expect(response.status).toBe(200);
      expect(response.json).toEqual({
        response_action: 'errors',
        errors: {
          [OPPORTUNITY_FIELDS.account.blockId]:
            'This opportunity was changed after you opened this form, so nothing was saved. Close the form and open it again to see the latest.',
        },
      });
      expect(await stored()).toEqual(before);
      expect(await dealNow()).toMatchObject({ stage: 'proposal', amount: '12000.00' });
    });

    it('saves from a form opened again, and saves the same form twice as once', async () => {
      const form = await openEdit('UREP1');
      const values = formValues({
        account: { type: 'plain_text_input', value: 'Globex' },
        stage: { type: 'static_select', selected_option: { value: 'proposal' } },
        amount: { type: 'plain_text_input', value: '20,000' },
      });
      const first = await submit('UREP1', values, form);
      expect(first.text).toBe('');
      const after = await stored();
      expect(await dealNow()).toMatchObject({ stage: 'proposal', amount: '20000.00' });
      // The same submission again (a late ack): what it says is stored already, so it is no conflict.
      const second = await submit('UREP1', values, form);
      expect(second.text).toBe('');
      expect(await stored()).toEqual(after);
    });

    it('saves a form drawn before forms carried the version as it did then, without the check', async () => {
      const response = await submit(
        'UREP1',
        formValues({
          account: { type: 'plain_text_input', value: 'Globex' },
          stage: { type: 'static_select', selected_option: { value: 'negotiation' } },
        }),
        JSON.stringify({ opportunityId: dealId }),
      );
      expect(response.text).toBe('');
      expect(await dealNow()).toMatchObject({ stage: 'negotiation', amount: '12000.00' });
    });
  });
});
