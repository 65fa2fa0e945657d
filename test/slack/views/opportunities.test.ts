import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { OpportunitySummary } from '../../../src/domain/deal-review/agenda.js';
import { validateOpportunity } from '../../../src/domain/opportunities/fields.js';
import type { RosterEntry, TeamSummary } from '../../../src/domain/roster/listing.js';
import { buildHomeView } from '../../../src/slack/views/home.js';
import {
  buildOpportunityModal,
  buildRepOpportunitiesModal,
  buildRepOpportunitiesNotice,
  HOME_OPPORTUNITY_ROWS,
  OPPORTUNITY_ACTIONS,
  OPPORTUNITY_FIELDS,
  OPPORTUNITY_MODAL,
  opportunityFormErrors,
  opportunityHomeBlocks,
  parseOpportunityFormMetadata,
  parseOpportunityReference,
  parseRepOpportunitiesMetadata,
  parseRepPick,
  REP_MENU_OPTIONS,
  REP_OPPORTUNITY_ACTIONS,
  REP_OPPORTUNITY_MODALS,
  REP_OPPORTUNITY_ROWS,
  readOpportunitySubmission,
  repOpportunitiesMenuBlocks,
} from '../../../src/slack/views/opportunities.js';

function summary(overrides: Partial<OpportunitySummary> = {}): OpportunitySummary {
  return {
    id: '42',
    account: 'Acme <EU>',
    name: '40 seats',
    amount: '12000.50',
    currency: 'EUR',
    stage: 'proposal',
    expectedCloseOn: '2026-12-15',
    probability: 60,
    closeDatePushes: 0,
    problem: 'Quotes take a week',
    customerTimeline: 'Board in December',
    decisionMakers: [
      { name: 'Dana Reyes', role: 'CFO', buying_criteria: 'payback within a year' },
      { name: 'Lee Park', role: null, buying_criteria: null },
    ],
    buyerActions: ['shared_problem', 'confirmed_budget'],
    buyerActionsNote: null,
    ...overrides,
  };
}

type AnyBlock = KnownBlock & {
  block_id?: string;
  text?: { text: string };
  accessory?: { action_id?: string; value?: string };
  elements?: Array<{ action_id?: string; text?: string }>;
  element?: Record<string, unknown>;
  optional?: boolean;
};

describe('opportunityHomeBlocks', () => {
  it('shows each open deal on one line with its Edit button', () => {
    const blocks = opportunityHomeBlocks({
      opportunities: [summary(), summary({ id: '43', closeDatePushes: 2, amount: '900.00' })],
      total: 2,
    }) as AnyBlock[];
    expect(blocks.map((block) => block.block_id)).toEqual([
      'home_opportunities_header',
      'home_opportunity_42',
      'home_opportunity_43',
      'home_opportunities_actions',
    ]);
    expect(blocks[0]?.text?.text).toBe('Your opportunities (2 open)');
    expect(blocks[1]).toMatchObject({
      text: { text: '*Acme &lt;EU&gt;* — 40 seats · EUR 12,000.50 · Proposal · closes Tue 15 Dec 2026' },
      accessory: { action_id: OPPORTUNITY_ACTIONS.edit, value: '42' },
    });
    expect(blocks[2]?.text?.text).toContain('EUR 900 · Proposal · closes Tue 15 Dec 2026 (pushed 2×)');
    expect(blocks[3]?.elements?.[0]?.action_id).toBe(OPPORTUNITY_ACTIONS.add);
  });

  it('counts the deals beyond the rows it shows', () => {
    const shown = Array.from({ length: HOME_OPPORTUNITY_ROWS }, (_, index) =>
      summary({ id: String(index + 1) }),
    );
    const blocks = opportunityHomeBlocks({ opportunities: shown, total: 40 }) as AnyBlock[];
    expect(blocks.filter((block) => block.block_id?.startsWith('home_opportunity_'))).toHaveLength(
      HOME_OPPORTUNITY_ROWS,
    );
    expect(JSON.stringify(blocks.find((block) => block.block_id === 'home_opportunities_more'))).toContain(
      `…and ${40 - HOME_OPPORTUNITY_ROWS} more closing later.`,
    );
    // …and offers the whole list, which has pages.
    const actions = blocks.find((block) => block.block_id === 'home_opportunities_actions');
    expect(actions?.elements?.map((element) => element.action_id)).toEqual([
      OPPORTUNITY_ACTIONS.add,
      OPPORTUNITY_ACTIONS.seeAll,
    ]);
    expect(JSON.stringify(actions)).toContain('See all 40');
  });

  it('invites a rep without deals to add one', () => {
    const blocks = opportunityHomeBlocks({ opportunities: [], total: 0 }) as AnyBlock[];
    expect(blocks.map((block) => block.block_id)).toEqual([
      'home_opportunities_header',
      'home_opportunities_none',
      'home_opportunities_actions',
    ]);
  });
});

describe('the Home with opportunities', () => {
  it('stays within Slack’s 100 blocks for a rep with 40 deals and 7 commitments who manages 3,000 reps and 60 teams', () => {
    const me: RosterEntry = {
      slackUserId: 'UREP1',
      displayName: 'Rita Rep',
      isRep: true,
      isManager: true,
      isAdmin: true,
      teamName: 'EMEA',
      managerSlackUserId: null,
      promptTime: '09:00',
      promptTimeSource: 'team',
      paused: false,
      outOfOffice: [],
      inactiveReason: null,
      questionSet: null,
    };
    const team: TeamSummary = {
      id: 1,
      name: 'EMEA',
      managerSlackUserId: 'UREP1',
      standingsChannelId: null,
      promptTime: '09:00',
      workdays: [1, 2, 3, 4, 5],
      holidayCountry: null,
      timeZone: null,
      reminderDelayMinutes: 120,
      standingsWeekday: 1,
      standingsTime: '09:00',
      standingsMetric: 'revenue',
      reportingCurrency: null,
    };
    const deals = Array.from({ length: HOME_OPPORTUNITY_ROWS }, (_, index) =>
      summary({ id: String(index + 1) }),
    );
    const view = buildHomeView(
      {
        me,
        reports: Array.from({ length: 3000 }, (_, index) => ({ ...me, slackUserId: `U${index}` })),
        teams: Array.from({ length: 60 }, (_, index) => ({ ...team, id: index + 1 })),
        commitments: {
          today: '2026-11-24',
          items: Array.from({ length: 5 }, (_, index) => ({
            commitmentId: String(index + 1),
            text: `next step ${index + 1}`,
            dueOn: '2026-11-30',
          })),
          total: 7,
          offset: 0,
        },
      },
      {
        opportunities: { opportunities: deals, total: 40 },
        today: {
          managerName: 'Rita',
          localDate: '2026-11-24',
          reps: Array.from({ length: 30 }, (_, index) => ({
            personId: index + 1,
            name: `Rep ${index}`,
            slackUserId: `U${index}`,
            today: { kind: 'no_answer' as const },
            flags: [{ kind: 'did_not_know' as const, text: "didn't know what to do twice this week" }],
          })),
          counts: { sold: 0, tried: 0, didNotTry: 0, noAnswer: 30, notPromptedYet: 0, notPrompted: 0 },
          flagged: 30,
          overdue: [
            { name: 'Rep 1', slackUserId: 'U1', text: 'Call back', dueOn: '2026-11-20', daysOverdue: 4 },
          ],
        },
        week: {
          slackUserId: 'UREP1',
          streaks: { tried: 4, answered: 9 },
          standings: {
            teamId: 1,
            teamName: 'EMEA',
            metric: 'revenue',
            currency: 'EUR',
            weekStart: '2026-11-23',
            weekEnd: '2026-11-29',
            entries: [],
            effort: [
              {
                personId: 1,
                slackUserId: 'UREP1',
                name: 'Rita',
                rank: 1,
                daysTried: 2,
                daysAnswered: 2,
                daysAsked: 3,
              },
            ],
            outOfOffice: [],
            total: '0',
            previousTotal: null,
          },
        },
      },
    );
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const ids = (view.blocks as AnyBlock[]).map((block) => block.block_id).filter((id) => id !== undefined);
    expect(ids).toContain(`home_opportunity_${HOME_OPPORTUNITY_ROWS}`);
    expect(ids).toContain('home_opportunities_more');
    expect(ids).toContain('home_commitment_5');
    expect(ids).toContain('home_week_standing');
    expect(ids).toContain('home_today_counts');
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('buildOpportunityModal', () => {
  const inputs = (blocks: readonly unknown[]) => blocks as AnyBlock[];

  it('adds a deal: every field, the default currency picked, the optional ones optional', () => {
    const view = buildOpportunityModal({ defaultCurrency: 'gbp' });
    expect(view).toMatchObject({ callback_id: OPPORTUNITY_MODAL, title: { text: 'Add opportunity' } });
    expect(view.private_metadata).toBeUndefined();
    const blocks = inputs(view.blocks);
    expect(blocks.map((block) => block.block_id)).toEqual(
      Object.values(OPPORTUNITY_FIELDS).map((field) => field.blockId),
    );
    expect(blocks.filter((block) => block.optional).map((block) => block.block_id)).toEqual([
      OPPORTUNITY_FIELDS.decisionMakers.blockId,
      OPPORTUNITY_FIELDS.problem.blockId,
      OPPORTUNITY_FIELDS.customerTimeline.blockId,
      OPPORTUNITY_FIELDS.buyerActions.blockId,
      OPPORTUNITY_FIELDS.buyerActionsNote.blockId,
    ]);
    const currency = blocks.find((block) => block.block_id === OPPORTUNITY_FIELDS.currency.blockId);
    expect(currency?.element).toMatchObject({ initial_option: { value: 'GBP' } });
    const date = blocks.find((block) => block.block_id === OPPORTUNITY_FIELDS.expectedCloseOn.blockId);
    expect(date?.element).not.toHaveProperty('initial_date');
    // Slack refuses more than 10 checkboxes, and option texts over 75 characters.
    const actions = blocks.find((block) => block.block_id === OPPORTUNITY_FIELDS.buyerActions.blockId);
    const options = (actions?.element?.options ?? []) as Array<{ text: { text: string } }>;
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(10);
    for (const option of options) expect(option.text.text.length).toBeLessThanOrEqual(75);
  });

  it('edits a deal: the form starts from what is stored and reads back the same', () => {
    const current = summary();
    const view = buildOpportunityModal({ defaultCurrency: 'USD', opportunity: current });
    expect(view.title).toMatchObject({ text: 'Edit opportunity' });
    expect(parseOpportunityFormMetadata(view.private_metadata ?? '')).toEqual({ opportunityId: '42' });

    // What Slack would submit if nothing were touched: each element's initial state.
    const values = Object.fromEntries(
      inputs(view.blocks).map((block) => {
        const element = block.element as Record<string, unknown>;
        const state = {
          value: element.initial_value ?? null,
          selected_option: element.initial_option ?? null,
          selected_date: element.initial_date ?? null,
          selected_options: element.initial_options ?? [],
        };
        return [block.block_id as string, { [element.action_id as string]: state }];
      }),
    );
    const validation = validateOpportunity(readOpportunitySubmission(values));
    expect(validation).toEqual({
      ok: true,
      fields: {
        account: current.account,
        name: current.name,
        amount: current.amount,
        currency: current.currency,
        stage: current.stage,
        expectedCloseOn: current.expectedCloseOn,
        probability: current.probability,
        decisionMakers: current.decisionMakers,
        problem: current.problem,
        customerTimeline: current.customerTimeline,
        buyerActions: current.buyerActions,
        buyerActionsNote: null,
      },
    });
  });
});

describe('the form’s parsers', () => {
  it('reads an untouched empty form as empty text, which the validator refuses field by field', () => {
    const validation = validateOpportunity(readOpportunitySubmission({}));
    expect(validation.ok).toBe(false);
    if (validation.ok) return;
    expect(Object.keys(opportunityFormErrors(validation.errors)).sort()).toEqual(
      [
        OPPORTUNITY_FIELDS.account,
        OPPORTUNITY_FIELDS.name,
        OPPORTUNITY_FIELDS.amount,
        OPPORTUNITY_FIELDS.currency,
        OPPORTUNITY_FIELDS.stage,
        OPPORTUNITY_FIELDS.expectedCloseOn,
        OPPORTUNITY_FIELDS.probability,
      ]
        .map((field) => field.blockId)
        .sort(),
    );
  });

  it.each([
    ['', { opportunityId: null }],
    ['{"opportunityId":"17"}', { opportunityId: '17' }],
    ['{"opportunityId":"17","listViewId":"V0LIST01"}', { opportunityId: '17', listViewId: 'V0LIST01' }],
    ['{"opportunityId":"17","listViewId":"<script>"}', undefined],
    [
      '{"opportunityId":"17","listViewId":"V0LIST01","listOffset":40}',
      { opportunityId: '17', listViewId: 'V0LIST01', listOffset: 40 },
    ],
    ['{"opportunityId":"17","listViewId":"V0LIST01","listOffset":-40}', undefined],
    ['{"opportunityId":"17","version":3}', { opportunityId: '17', version: 3 }],
    [
      '{"opportunityId":"17","version":3,"listViewId":"V0LIST01","listOffset":40}',
      { opportunityId: '17', version: 3, listViewId: 'V0LIST01', listOffset: 40 },
    ],
    ['{"opportunityId":"17","version":0}', undefined],
    ['{"opportunityId":"17","version":"3"}', undefined],
    ['{"opportunityId":"1; drop"}', undefined],
    ['not json', undefined],
  ])('reads metadata %j as %j', (metadata, expected) => {
    expect(parseOpportunityFormMetadata(metadata)).toEqual(expected);
  });

  it.each([
    ['17', '17'],
    ['-1', undefined],
    [undefined, undefined],
  ])('reads an Edit button value %j as %j', (value, expected) => {
    expect(parseOpportunityReference(value)).toBe(expected);
  });
});

describe('a rep’s opportunities for their manager or an admin', () => {
  const rita = { slackUserId: 'UREP1', displayName: 'Rita & Rep' };

  describe('repOpportunitiesMenuBlocks', () => {
    it('lists the reps by name in a menu, each valued by their Slack id, as plain text', () => {
      const blocks = repOpportunitiesMenuBlocks({
        reps: [rita, { slackUserId: 'UREP2', displayName: `Sam ${'x'.repeat(200)}` }],
        total: 2,
      });
      expect(blocks).toEqual([
        {
          type: 'actions',
          block_id: 'home_rep_opportunities',
          elements: [
            {
              type: 'static_select',
              action_id: REP_OPPORTUNITY_ACTIONS.pickRep,
              placeholder: { type: 'plain_text', text: "See a rep's opportunities…", emoji: true },
              options: [
                { text: { type: 'plain_text', text: 'Rita & Rep', emoji: true }, value: 'UREP1' },
                {
                  text: { type: 'plain_text', text: expect.stringMatching(/^Sam x+…$/), emoji: true },
                  value: 'UREP2',
                },
              ],
            },
          ],
        },
      ]);
      // Slack refuses option texts over 75 characters.
      const options = (blocks[0] as { elements: Array<{ options: Array<{ text: { text: string } }> }> })
        .elements[0]!.options;
      expect(options[1]!.text.text).toHaveLength(75);
    });

    it('shows nothing to someone with no reps', () => {
      expect(repOpportunitiesMenuBlocks({ reps: [], total: 0 })).toEqual([]);
    });

    it('holds up to Slack’s 100 options; beyond, Slack’s user menu, and a line that says why', () => {
      const reps = (count: number) =>
        Array.from({ length: Math.min(count, REP_MENU_OPTIONS) }, (_, index) => ({
          slackUserId: `UREP${index}`,
          displayName: `Rep ${index}`,
        }));
      const full = repOpportunitiesMenuBlocks({ reps: reps(100), total: 100 }) as AnyBlock[];
      expect(full).toHaveLength(1);
      expect(full[0]?.elements?.[0]).toMatchObject({
        type: 'static_select',
        options: expect.objectContaining({ length: 100 }),
      });

      const over = repOpportunitiesMenuBlocks({ reps: reps(101), total: 101 }) as AnyBlock[];
      expect(over.map((block) => block.block_id)).toEqual([
        'home_rep_opportunities',
        'home_rep_opportunities_hint',
      ]);
      expect(over[0]?.elements?.[0]).toEqual({
        type: 'users_select',
        action_id: REP_OPPORTUNITY_ACTIONS.pickRep,
        placeholder: expect.objectContaining({ type: 'plain_text' }),
      });
      expect(JSON.stringify(over[1])).toContain('101 reps are more than a menu of 100 holds');
    });

    it.each([
      [{ selected_option: { value: 'UREP1' } }, 'UREP1'],
      [{ selected_user: 'W0ENTERPRISE' }, 'W0ENTERPRISE'],
      [{ selected_option: { value: '<@UREP1>' } }, undefined],
      [{ selected_option: null }, undefined],
      [{}, undefined],
    ])('reads the pick %j as %j', (action, expected) => {
      expect(parseRepPick(action)).toBe(expected);
    });
  });

  describe('buildRepOpportunitiesModal', () => {
    it('lists the deals on the Home’s lines, each with an Edit button carrying its id, and the rep in the metadata', () => {
      const view = buildRepOpportunitiesModal({
        rep: rita,
        opportunities: [summary(), summary({ id: '43', closeDatePushes: 1 })],
        total: 2,
        offset: 0,
      });
      expect(view).toMatchObject({
        type: 'modal',
        callback_id: REP_OPPORTUNITY_MODALS.list,
        title: { text: 'Opportunities' },
        close: { text: 'Close' },
      });
      expect(view.submit).toBeUndefined();
      expect(parseRepOpportunitiesMetadata(view.private_metadata ?? '')).toEqual({
        repSlackUserId: 'UREP1',
        offset: 0,
      });
      const blocks = view.blocks as AnyBlock[];
      expect(blocks.map((block) => block.block_id)).toEqual([
        'rep_opportunities_header',
        'rep_opportunity_42',
        'rep_opportunity_43',
      ]);
      expect(blocks[0]?.text?.text).toBe("Rita & Rep's opportunities (2 open)");
      expect(blocks[1]).toMatchObject({
        text: { text: '*Acme &lt;EU&gt;* — 40 seats · EUR 12,000.50 · Proposal · closes Tue 15 Dec 2026' },
        accessory: { action_id: REP_OPPORTUNITY_ACTIONS.edit, value: '42' },
      });
      expect(blocks[2]?.text?.text).toContain('(pushed 1×)');
    });

    /** One page of a rep's list of `total` deals, from the `offset`-th, with ids counting from 1. */
    function page(offset: number, total: number) {
      const length = Math.max(0, Math.min(REP_OPPORTUNITY_ROWS, total - offset));
      const opportunities = Array.from({ length }, (_, index) =>
        summary({ id: String(offset + index + 1), account: `Account ${offset + index + 1}` }),
      );
      return buildRepOpportunitiesModal({ rep: rita, opportunities, total, offset });
    }

    const rowIds = (blocks: AnyBlock[]) =>
      blocks.filter((block) => block.block_id?.startsWith('rep_opportunity_')).map((block) => block.block_id);

    /** The paging buttons' action ids and texts. */
    const pageButtons = (blocks: AnyBlock[]) =>
      (
        blocks.find((block) => block.block_id === 'rep_opportunities_pages') as
          | { elements: Array<{ type: string; action_id: string; text: { text: string }; style?: string }> }
          | undefined
      )?.elements.map((element) => [element.type, element.action_id, element.text.text, element.style]);

    it(`shows the first ${REP_OPPORTUNITY_ROWS} of a longer list, says which, and offers Next only`, () => {
      const view = page(0, 93);
      const blocks = view.blocks as AnyBlock[];
      expect(blocks.length).toBeLessThanOrEqual(100);
      expect(blocks.map((block) => block.block_id)).toEqual([
        'rep_opportunities_header',
        'rep_opportunities_showing',
        ...Array.from({ length: REP_OPPORTUNITY_ROWS }, (_, index) => `rep_opportunity_${index + 1}`),
        'rep_opportunities_pages',
      ]);
      expect(blocks[0]?.text?.text).toBe("Rita & Rep's opportunities (93 open)");
      expect(blocks[1]).toMatchObject({
        type: 'context',
        elements: [{ text: `Showing 1–${REP_OPPORTUNITY_ROWS} of 93, closing soonest first` }],
      });
      expect(blocks.at(-1)?.type).toBe('actions');
      expect(pageButtons(blocks)).toEqual([
        ['button', REP_OPPORTUNITY_ACTIONS.nextPage, `Next ${REP_OPPORTUNITY_ROWS} ›`, undefined],
      ]);
      expect(JSON.stringify(view)).not.toContain('more closing later');
      expect(parseRepOpportunitiesMetadata(view.private_metadata ?? '')).toEqual({
        repSlackUserId: 'UREP1',
        offset: 0,
      });
    });

    it('shows a middle page with Previous and Next, and its offset in the metadata', () => {
      const view = page(REP_OPPORTUNITY_ROWS, 93);
      const blocks = view.blocks as AnyBlock[];
      expect(blocks[1]?.elements?.[0]?.text).toBe(
        `Showing ${REP_OPPORTUNITY_ROWS + 1}–${2 * REP_OPPORTUNITY_ROWS} of 93, closing soonest first`,
      );
      expect(rowIds(blocks)).toEqual(
        Array.from(
          { length: REP_OPPORTUNITY_ROWS },
          (_, index) => `rep_opportunity_${REP_OPPORTUNITY_ROWS + index + 1}`,
        ),
      );
      expect(pageButtons(blocks)).toEqual([
        ['button', REP_OPPORTUNITY_ACTIONS.previousPage, '‹ Previous', undefined],
        ['button', REP_OPPORTUNITY_ACTIONS.nextPage, `Next ${93 - 2 * REP_OPPORTUNITY_ROWS} ›`, undefined],
      ]);
      expect(parseRepOpportunitiesMetadata(view.private_metadata ?? '')).toEqual({
        repSlackUserId: 'UREP1',
        offset: REP_OPPORTUNITY_ROWS,
      });
    });

    it('shows the last page with Previous only', () => {
      const blocks = page(2 * REP_OPPORTUNITY_ROWS, 93).blocks as AnyBlock[];
      expect(blocks[1]?.elements?.[0]?.text).toBe(
        `Showing ${2 * REP_OPPORTUNITY_ROWS + 1}–93 of 93, closing soonest first`,
      );
      expect(rowIds(blocks)).toHaveLength(93 - 2 * REP_OPPORTUNITY_ROWS);
      expect(pageButtons(blocks)).toEqual([
        ['button', REP_OPPORTUNITY_ACTIONS.previousPage, '‹ Previous', undefined],
      ]);
    });

    it('has no count line and no buttons when one page holds every deal', () => {
      const blocks = page(0, REP_OPPORTUNITY_ROWS).blocks as AnyBlock[];
      expect(rowIds(blocks)).toHaveLength(REP_OPPORTUNITY_ROWS);
      expect(blocks.map((block) => block.block_id)).not.toContain('rep_opportunities_showing');
      expect(pageButtons(blocks)).toBeUndefined();
    });

    it(`draws at most ${REP_OPPORTUNITY_ROWS} rows however many it is given, within a modal’s 100 blocks`, () => {
      const shown = Array.from({ length: 99 }, (_, index) => summary({ id: String(index + 1) }));
      const blocks = buildRepOpportunitiesModal({ rep: rita, opportunities: shown, total: 120, offset: 0 })
        .blocks as AnyBlock[];
      expect(blocks.length).toBeLessThanOrEqual(100);
      expect(rowIds(blocks)).toHaveLength(REP_OPPORTUNITY_ROWS);
      expect(blocks[1]?.elements?.[0]?.text).toBe(
        `Showing 1–${REP_OPPORTUNITY_ROWS} of 120, closing soonest first`,
      );
    });

    it('says when the rep has no open deals, and keeps a long name within the header’s 150 characters', () => {
      const view = buildRepOpportunitiesModal({
        rep: { slackUserId: 'UREP1', displayName: 'R'.repeat(400) },
        opportunities: [],
        total: 0,
        offset: 0,
      });
      const blocks = view.blocks as AnyBlock[];
      expect(blocks.map((block) => block.block_id)).toEqual([
        'rep_opportunities_header',
        'rep_opportunities_none',
      ]);
      expect(blocks[0]?.text?.text.length).toBeLessThanOrEqual(150);
      expect(blocks[1]?.text?.text).toBe('<@UREP1> has no open opportunities.');
    });

    it.each([
      ['{"repSlackUserId":"UREP1"}', { repSlackUserId: 'UREP1', offset: 0 }],
      ['{"repSlackUserId":"UREP1","offset":80}', { repSlackUserId: 'UREP1', offset: 80 }],
      ['{"repSlackUserId":"UREP1","offset":-40}', undefined],
      ['{"repSlackUserId":"UREP1","offset":"40"}', undefined],
      ['{"repSlackUserId":"UREP1","offset":1.5}', undefined],
      ['{"repSlackUserId":"<@UREP1>"}', undefined],
      ['', undefined],
    ])('reads list metadata %j as %j', (metadata, expected) => {
      expect(parseRepOpportunitiesMetadata(metadata)).toEqual(expected);
    });
  });

  it('says why instead of the list, with nothing to submit', () => {
    const view = buildRepOpportunitiesNotice('Only their manager <@UMGR> or an admin can see opportunities.');
    expect(view).toEqual({
      type: 'modal',
      callback_id: REP_OPPORTUNITY_MODALS.notice,
      title: { type: 'plain_text', text: 'Opportunities', emoji: true },
      close: { type: 'plain_text', text: 'Close', emoji: true },
      blocks: [
        {
          type: 'section',
          block_id: 'rep_opportunities_notice',
          text: { type: 'mrkdwn', text: 'Only their manager <@UMGR> or an admin can see opportunities.' },
        },
      ],
    });
  });

  it('puts the edit form on top of the list, which its metadata names for the redraw after a save', () => {
    const view = buildOpportunityModal({
      defaultCurrency: 'USD',
      opportunity: summary(),
      listViewId: 'V0LIST01',
    });
    expect(view.callback_id).toBe(OPPORTUNITY_MODAL);
    expect(parseOpportunityFormMetadata(view.private_metadata ?? '')).toEqual({
      opportunityId: '42',
      listViewId: 'V0LIST01',
    });
  });

  it('carries the version of the deal it shows, so saving cannot undo a change made since', () => {
    const view = buildOpportunityModal({
      defaultCurrency: 'USD',
      opportunity: { ...summary(), version: 7 },
      listViewId: 'V0LIST01',
    });
    expect(parseOpportunityFormMetadata(view.private_metadata ?? '')).toEqual({
      opportunityId: '42',
      version: 7,
      listViewId: 'V0LIST01',
    });
  });

  it('names the page of the list the form is on top of, past the first', () => {
    const view = buildOpportunityModal({
      defaultCurrency: 'USD',
      opportunity: summary(),
      listViewId: 'V0LIST01',
      listOffset: REP_OPPORTUNITY_ROWS,
    });
    expect(parseOpportunityFormMetadata(view.private_metadata ?? '')).toEqual({
      opportunityId: '42',
      listViewId: 'V0LIST01',
      listOffset: REP_OPPORTUNITY_ROWS,
    });
  });
});
