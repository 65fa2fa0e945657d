import type { KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { OpportunitySummary, ReviewAgenda } from '../../../src/domain/deal-review/agenda.js';
import type { ForecastInput, ReviewAnswers } from '../../../src/domain/deal-review/validation.js';
import { BUYER_ACTIONS } from '../../../src/domain/deal-review/vocabulary.js';
import {
  buildRepPickerView,
  buildReviewView,
  DEALS_PER_PAGE,
  dealsOnPage,
  MAX_VIEW_BLOCKS,
  neighbourStep,
  parsePickedRep,
  parseReviewPage,
  parseReviewReference,
  type ReviewPageInput,
  type ReviewStateValues,
  type ReviewStep,
  reviewBlockId,
  reviewErrors,
  reviewSteps,
  stepKey,
  stepOf,
} from '../../../src/slack/views/deal-review.js';

const LONG = 'x'.repeat(4000);

function opportunity(index: number, overrides: Partial<OpportunitySummary> = {}): OpportunitySummary {
  return {
    id: String(1000 + index),
    account: `Account ${index}`,
    name: `Deal ${index}`,
    amount: '12000.00',
    currency: 'EUR',
    stage: 'proposal',
    expectedCloseOn: '2026-12-10',
    probability: 60,
    closeDatePushes: 0,
    problem: null,
    customerTimeline: null,
    decisionMakers: [],
    buyerActions: [],
    buyerActionsNote: null,
    ...overrides,
  };
}

/** An agenda as the opportunities side hands it over, with `deals` open deals closing soon. */
function agenda(deals: number, overrides: Partial<ReviewAgenda> = {}): ReviewAgenda {
  const closing = Array.from({ length: deals }, (_, index) => opportunity(index));
  return {
    repId: 7,
    repName: 'Alice',
    today: '2026-11-23',
    lastReview: {
      id: '3',
      reviewedOn: '2026-10-20',
      commitments: [
        {
          id: '1',
          text: 'Send the proposal to Acme',
          ownerId: 7,
          ownerName: 'Alice',
          dueOn: '2026-10-30',
          status: 'done',
        },
        {
          id: '2',
          text: 'Book the CFO call',
          ownerId: 9,
          ownerName: 'Morgan',
          dueOn: '2026-11-02',
          status: 'open',
        },
      ],
    },
    statusReport: {
      currency: 'EUR',
      periods: [
        {
          period: 'year_to_date',
          from: '2026-01-01',
          to: '2026-11-23',
          rep: { revenue: '5151.10', deals: 7 },
          teamAverage: { revenue: '2050.47', deals: 3.3 },
        },
        {
          period: 'last_quarter',
          from: '2026-07-01',
          to: '2026-09-30',
          rep: { revenue: '2300.30', deals: 2 },
          teamAverage: { revenue: '766.83', deals: 1 },
        },
        {
          period: 'last_month',
          from: '2026-10-01',
          to: '2026-10-31',
          rep: { revenue: '400.30', deals: 2 },
          teamAverage: { revenue: '466.77', deals: 1 },
        },
      ],
      calibration: [{ stated: 80, decided: 4, won: 1 }],
    },
    newOpportunities: closing.slice(0, 3),
    existingOpportunities: [
      {
        opportunity: opportunity(90, { stage: 'negotiation', account: 'Globex', name: 'Renewal' }),
        stageThen: 'discovery',
        closeOnThen: '2026-12-01',
        movedForward: true,
        pushesSinceLastReview: 0,
      },
      {
        opportunity: opportunity(91, {
          stage: 'qualified',
          account: 'Initech',
          name: 'Pilot',
          expectedCloseOn: '2027-01-15',
        }),
        stageThen: 'qualified',
        closeOnThen: '2026-11-30',
        movedForward: false,
        pushesSinceLastReview: 2,
      },
    ],
    closingSoon: closing,
    ...overrides,
  };
}

function page(
  input: ReviewAgenda,
  answers: ReviewAnswers = { forecasts: {}, commitments: [] },
): ReviewPageInput {
  return {
    draftId: '42',
    version: 3,
    reviewerName: 'Morgan',
    agenda: input,
    answers,
  };
}

/** Builders only make known blocks; Slack's type also allows unknown ones. */
function blocksOf(view: ModalView): KnownBlock[] {
  return view.blocks as KnownBlock[];
}

function texts(view: ModalView): string {
  return JSON.stringify(view.blocks);
}

function input(view: ModalView, blockId: string): Extract<KnownBlock, { type: 'input' }> {
  const block = blocksOf(view).find((candidate) => candidate.block_id === blockId);
  if (block?.type !== 'input') throw new Error(`no input block ${blockId}`);
  return block;
}

/** What Slack would send back for the page as the manager left it. */
function stateOf(view: ModalView, typed: Record<string, Record<string, unknown>>): ReviewStateValues {
  const values: ReviewStateValues = {};
  for (const block of blocksOf(view)) {
    if (block.type !== 'input') continue;
    const id = block.block_id as string;
    values[id] = { value: { type: block.element.type, ...typed[id] } };
  }
  return values;
}

describe('the steps of a review', () => {
  it('has parts 1–3, one part-4 page per five deals, then part 5', () => {
    expect(reviewSteps(agenda(0)).map(stepKey)).toEqual(['status', 'new', 'existing', 'next']);
    expect(reviewSteps(agenda(11)).map(stepKey)).toEqual([
      'status',
      'new',
      'existing',
      'closing-1',
      'closing-2',
      'closing-3',
      'next',
    ]);
    expect(dealsOnPage(agenda(11), 3).map((deal) => deal.id)).toEqual(['1010']);
  });

  it('moves forward and back, and never past either end', () => {
    const a = agenda(6);
    expect(stepKey(neighbourStep(a, { part: 'existing' }, 1))).toBe('closing-1');
    expect(stepKey(neighbourStep(a, { part: 'closing', page: 2 }, 1))).toBe('next');
    expect(stepKey(neighbourStep(a, { part: 'next' }, -1))).toBe('closing-2');
    expect(stepKey(neighbourStep(a, { part: 'status' }, -1))).toBe('status');
    expect(stepKey(neighbourStep(a, { part: 'next' }, 1))).toBe('next');
  });

  it('maps a stored page that no longer exists (fewer deals now) to the nearest one', () => {
    expect(stepOf(agenda(6), 'closing-7')).toEqual({ part: 'closing', page: 2 });
    expect(stepOf(agenda(0), 'closing-2')).toEqual({ part: 'next' });
    expect(stepOf(agenda(6), 'nonsense')).toEqual({ part: 'status' });
  });
});

describe('Slack’s limits', () => {
  it('keeps every page of a 40-deal review with long texts within 100 blocks and short metadata', () => {
    const heavy = agenda(40, {
      repName: LONG,
      newOpportunities: Array.from({ length: 400 }, (_, i) => opportunity(i, { name: LONG.slice(0, 500) })),
    });
    heavy.closingSoon = heavy.closingSoon.map((deal) => ({
      ...deal,
      problem: LONG,
      customerTimeline: LONG,
      decisionMakers: [{ name: 'Ann', role: 'CFO', buying_criteria: LONG }],
      buyerActionsNote: LONG,
    }));
    const typed: ReviewAnswers = {
      forecasts: {},
      commitments: Array.from({ length: 5 }, () => ({ text: LONG, owner: 'rep', dueOn: '2026-12-01' })),
    };
    const steps = reviewSteps(heavy);
    expect(steps.filter((step) => step.part === 'closing')).toHaveLength(40 / DEALS_PER_PAGE);
    for (const step of steps) {
      const view = buildReviewView(page(heavy, typed), step);
      expect(view.blocks.length, stepKey(step)).toBeLessThanOrEqual(MAX_VIEW_BLOCKS);
      expect((view.private_metadata ?? '').length).toBeLessThan(3000);
      for (const block of blocksOf(view)) {
        if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
        if (block.type === 'context') {
          for (const element of block.elements) expect(JSON.stringify(element).length).toBeLessThan(3100);
        }
        if (block.type === 'input' && block.element.type === 'plain_text_input') {
          expect(block.element.initial_value?.length ?? 0).toBeLessThanOrEqual(3000);
        }
      }
    }
  });

  it('offers at most 100 reps in the picker', () => {
    const reps = Array.from({ length: 150 }, (_, i) => ({ slackUserId: `U${1000 + i}`, name: `Rep ${i}` }));
    const picker = buildRepPickerView(reps);
    const select = input(picker, 'deal_review_rep');
    expect(select.element.type === 'static_select' && select.element.options).toHaveLength(100);
  });

  it('names reps in the picker as plain text, not escaped for mrkdwn', () => {
    const picker = buildRepPickerView([{ slackUserId: 'U1000', name: 'Ben & <Jerry>' }]);
    const select = input(picker, 'deal_review_rep');
    const options = select.element.type === 'static_select' ? select.element.options : [];
    expect(options?.map((option) => option.text.text)).toEqual(['Ben & <Jerry>']);
  });
});

describe('part 1: the status report', () => {
  const view = buildReviewView(page(agenda(2)), { part: 'status' });

  it('puts the rep’s results next to the team average for each period', () => {
    const yearToDate = view.blocks.find((block) => block.block_id === 'status_year_to_date');
    expect(yearToDate).toMatchObject({
      text: {
        text:
          '*Year to date* (1 Jan – 23 Nov 2026)\nAlice: *EUR 5,151.10* from 7 deals\n' +
          'Team average: EUR 2,050.47 from 3.3 deals',
      },
    });
    expect(texts(view)).toContain('Alice: *EUR 400.30* from 2 deals');
  });

  it('shows calibration, the last review’s commitments done or not, and what changed since', () => {
    // The reviewer reads this about the rep: it names the rep, never "Your".
    expect(texts(view)).toContain("Alice's 80% deals: won 1 of 4");
    expect(texts(view)).not.toContain('Your ');
    expect(texts(view)).toContain('Next steps agreed: 1 of 2 done.');
    expect(texts(view)).toContain(
      ':white_check_mark: Done: Send the proposal to Acme — Alice, due Fri 30 Oct 2026',
    );
    expect(texts(view)).toContain(':white_square: Not done: Book the CFO call — Morgan, due Mon 2 Nov 2026');
    expect(texts(view)).toContain('1 moved forward, 1 did not move; close dates pushed 2 times');
  });

  it('says when there is no earlier review and leaves calibration out until outcomes exist', () => {
    const first = agenda(1, { lastReview: null });
    first.statusReport.calibration = [];
    const text = texts(buildReviewView(page(first), { part: 'status' }));
    expect(text).toContain('This is the first review for Alice.');
    expect(text).not.toContain('deals: won');
  });

  it('reads a single decided deal as one, won or lost', () => {
    const one = agenda(1);
    one.statusReport.calibration = [
      { stated: 30, decided: 1, won: 0 },
      { stated: 90, decided: 1, won: 1 },
    ];
    const text = texts(buildReviewView(page(one), { part: 'status' }));
    expect(text).toContain("Alice's one 30% deal: lost");
    expect(text).toContain("Alice's one 90% deal: won");
    expect(text).not.toContain('1 of 1');
  });

  it('says there is no team to compare with instead of a team average, for a rep with neither team nor manager', () => {
    const alone = agenda(1);
    alone.statusReport.periods = alone.statusReport.periods.map((period) => ({
      ...period,
      teamAverage: null,
    }));
    const view = buildReviewView(page(alone), { part: 'status' });
    const text = texts(view);
    expect(text).not.toContain('Team average');
    expect(text).toContain('No team to compare with: Alice has no team and no manager on the roster.');
    expect(view.blocks.find((block) => block.block_id === 'status_year_to_date')).toMatchObject({
      text: { text: '*Year to date* (1 Jan – 23 Nov 2026)\nAlice: *EUR 5,151.10* from 7 deals' },
    });
    expect(texts(buildReviewView(page(agenda(1)), { part: 'status' }))).not.toContain('No team to compare');
  });

  it('is read-only, has no Back, and submits as Next with only the draft, version and step as metadata', () => {
    expect(view.blocks.some((block) => block.type === 'input' || block.type === 'actions')).toBe(false);
    expect(view.submit?.text).toBe('Next');
    expect(view.notify_on_close).toBe(true);
    expect(view.private_metadata).toBe('42:3:status');
    expect(parseReviewReference(view.private_metadata)).toEqual({
      draftId: '42',
      version: 3,
      step: 'status',
    });
  });
});

describe('parts 2 and 3', () => {
  it('at a first review, says why part 3 is empty instead of speaking of a last review', () => {
    const first = agenda(2, { lastReview: null, existingOpportunities: [] });
    const existing = texts(buildReviewView(page(first), { part: 'existing' }));
    expect(existing).toContain('First review: every open opportunity is in part 2.');
    expect(existing).not.toContain('last review');
    const later = texts(
      buildReviewView(page(agenda(2, { existingOpportunities: [] })), { part: 'existing' }),
    );
    expect(later).toContain('No opportunities from before the last review are still open.');
    const none = texts(
      buildReviewView(page(agenda(0, { lastReview: null, newOpportunities: [] })), { part: 'new' }),
    );
    expect(none).toContain('Open opportunities');
    expect(none).toContain('No open opportunities.');
  });

  it('lists the new opportunities', () => {
    const text = texts(buildReviewView(page(agenda(3)), { part: 'new' }));
    expect(text).toContain('New since the last review (3)');
    expect(text).toContain('*Account 0* — Deal 0 · EUR 12,000 · Proposal · closes Thu 10 Dec 2026 · 60%');
  });

  it('tells deals that moved forward from those that did not, with the pushes', () => {
    const view = buildReviewView(page(agenda(0)), { part: 'existing' });
    expect(texts(view)).toContain('Moved forward (1)');
    expect(texts(view)).toContain(
      '*Globex* — Renewal: Discovery → Negotiation · close date Tue 1 Dec 2026 → Thu 10 Dec 2026',
    );
    expect(texts(view)).toContain(
      '*Initech* — Pilot: still Qualified · close date Mon 30 Nov 2026 → Fri 15 Jan 2027 · close date pushed ×2',
    );
    expect(view.blocks.find((block) => block.type === 'actions')).toBeDefined();
  });
});

describe('part 4: deals closing within 30 days', () => {
  const buyer = agenda(7);
  buyer.closingSoon[5] = opportunity(5, {
    problem: 'Month-end close takes 9 days',
    decisionMakers: [{ name: 'Ann', role: 'CFO', buying_criteria: 'payback under a year' }],
    buyerActions: ['shared_problem', 'ran_evaluation'],
    buyerActionsNote: 'Trial with 3 teams',
    amount: '8000.00',
    probability: 70,
    closeDatePushes: 1,
  });
  const step: ReviewStep = { part: 'closing', page: 2 };

  it('asks about the deals of the page only, prompted with the buyer questions and prefilled from the deal', () => {
    const view = buildReviewView(page(buyer), step);
    expect(texts(view)).not.toContain('Account 4');
    expect(texts(view)).toContain('Account 5');
    expect(texts(view)).toContain('close date pushed ×1');
    expect(texts(view)).toContain(
      '_What problem does this prospect have that we solve?_ Month-end close takes 9 days',
    );
    expect(texts(view)).toContain('Ann (CFO): payback under a year');
    expect(texts(view)).toContain(
      '_What is their timeline, and what is their process to buy?_ Not known yet.',
    );
    const actions = input(view, 'forecast_1005_actions');
    expect(actions.label.text).toBe('What has the prospect done so far to evaluate us?');
    expect(actions.element).toMatchObject({
      type: 'checkboxes',
      initial_options: [
        { value: 'shared_problem', text: { text: BUYER_ACTIONS.shared_problem } },
        { value: 'ran_evaluation' },
      ],
    });
    expect(input(view, 'forecast_1005_amount').element).toMatchObject({ initial_value: '8000.00' });
    expect(input(view, 'forecast_1005_probability').element).toMatchObject({ initial_value: '70' });
    expect(input(view, 'forecast_1005_actions_note').element).toMatchObject({
      initial_value: 'Trial with 3 teams',
    });
    expect(view.private_metadata).toBe('42:3:closing-2');
  });

  it('shows what was typed before over what the deal says, and reads it back the same', () => {
    const typed: ForecastInput = {
      buyerActions: ['verbal_yes'],
      buyerActionsNote: 'Legal has the contract',
      amount: '7,500',
      probability: '85',
      probabilityReason: 'CFO said yes on the call',
      improveOdds: 'Get the signature date',
    };
    const view = buildReviewView(page(buyer, { forecasts: { '1005': typed }, commitments: [] }), step);
    expect(input(view, 'forecast_1005_amount').element).toMatchObject({ initial_value: '7,500' });
    expect(input(view, 'forecast_1005_reason').element).toMatchObject({
      initial_value: 'CFO said yes on the call',
    });
    const values = stateOf(view, {
      forecast_1005_actions: { selected_options: [{ value: 'verbal_yes' }] },
      forecast_1005_actions_note: { value: typed.buyerActionsNote },
      forecast_1005_amount: { value: typed.amount },
      forecast_1005_probability: { value: typed.probability },
      forecast_1005_reason: { value: typed.probabilityReason },
      forecast_1005_improve: { value: typed.improveOdds },
      forecast_1006_amount: { value: '10' },
    });
    const parsed = parseReviewPage(buyer, step, values);
    expect(parsed.forecasts?.['1005']).toEqual(typed);
    expect(Object.keys(parsed.forecasts ?? {})).toEqual(['1005', '1006']);
    expect(parsed.forecasts?.['1006']).toMatchObject({ amount: '10', probability: '', buyerActions: [] });
    expect(parsed.commitments).toBeUndefined();
  });
});

describe('part 5: next steps', () => {
  const answers: ReviewAnswers = {
    forecasts: {},
    commitments: [{ text: 'Send the MSA', owner: 'manager', dueOn: '2026-11-27' }],
  };
  const view = buildReviewView(page(agenda(0), answers), { part: 'next' });

  it('promises a follow-up of the reviewer’s own next steps only when the reviewer gets the digest', () => {
    expect(texts(view)).toContain('the bot follows them up.');
    const noDigest = buildReviewView(
      { ...page(agenda(0), answers), reviewerGetsDigest: false },
      { part: 'next' },
    );
    expect(texts(noDigest)).not.toContain('the bot follows them up');
    expect(texts(noDigest)).toContain(
      "The bot follows up Alice's in their daily check-in; yours stay listed on your App Home (no rep reports to you, so you get no daily digest to be asked in).",
    );
  });

  it('offers five slots, each with text, owner (rep or reviewer) and due date, refilled from the draft', () => {
    expect(view.submit?.text).toBe('Save review');
    expect(input(view, 'commitment_1_text').element).toMatchObject({ initial_value: 'Send the MSA' });
    expect(input(view, 'commitment_1_owner').element).toMatchObject({
      type: 'radio_buttons',
      initial_option: { value: 'manager', text: { text: 'Morgan (you)' } },
      options: [{ value: 'rep', text: { text: 'Alice (rep)' } }, { value: 'manager' }],
    });
    expect(input(view, 'commitment_1_due').element).toMatchObject({
      type: 'datepicker',
      initial_date: '2026-11-27',
    });
    expect(input(view, 'commitment_5_due').element).not.toHaveProperty('initial_date');
  });

  it('reads back all five slots, empty ones as empty', () => {
    const values = stateOf(view, {
      commitment_1_text: { value: 'Send the MSA' },
      commitment_1_owner: { selected_option: { value: 'rep' } },
      commitment_1_due: { selected_date: '2026-11-30' },
    });
    const parsed = parseReviewPage(agenda(0), { part: 'next' }, values);
    expect(parsed.commitments).toEqual([
      { text: 'Send the MSA', owner: 'rep', dueOn: '2026-11-30' },
      ...Array.from({ length: 4 }, () => ({ text: '', owner: '', dueOn: '' })),
    ]);
  });
});

describe('errors and references', () => {
  it('keys errors by the block on screen, and tells a problem on another page on this page’s first input', () => {
    const a = agenda(7);
    const view = buildReviewView(page(a), { part: 'next' });
    const errors = reviewErrors(view, a, [
      { field: { part: 'commitment', slot: 1, field: 'dueOn' }, message: 'Pick today or a later date.' },
      {
        field: { part: 'forecast', opportunityId: '1006', field: 'probability' },
        message: 'A probability goes from 0 to 100.',
      },
    ]);
    expect(errors).toEqual({
      commitment_2_due: 'Pick today or a later date.',
      commitment_1_text: 'Go back to Account 6 — Deal 6 (part 4, page 2): A probability goes from 0 to 100.',
    });
    expect(reviewBlockId({ part: 'forecast', opportunityId: '9', field: 'probabilityReason' })).toBe(
      'forecast_9_reason',
    );
  });

  it('refuses metadata it did not write', () => {
    for (const junk of [
      undefined,
      '',
      '42',
      '42:x:status',
      'a:1:status',
      '42:1:STATUS',
      '42:1:status;drop',
    ]) {
      expect(parseReviewReference(junk), String(junk)).toBeUndefined();
    }
  });

  it('reads the picked rep, and nothing odd', () => {
    const pick = (value: string) => ({
      deal_review_rep: { deal_review_rep_value: { selected_option: { value } } },
    });
    expect(parsePickedRep(pick('U0123ABC'))).toBe('U0123ABC');
    expect(parsePickedRep(pick('<script>'))).toBeUndefined();
    expect(parsePickedRep({})).toBeUndefined();
  });
});
