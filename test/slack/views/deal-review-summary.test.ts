import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { ReviewAgenda } from '../../../src/domain/deal-review/agenda.js';
import type { ReviewContent } from '../../../src/domain/deal-review/service.js';
import { buildReviewSummaryMessage } from '../../../src/slack/views/deal-review-summary.js';

const LONG = 'w'.repeat(3000);

function content(deals: number, text = 'Send the order form'): ReviewContent {
  const closingSoon = Array.from({ length: deals }, (_, index) => ({
    id: String(index + 1),
    account: `Account ${index + 1}`,
    name: 'Expansion',
    amount: '8000.00',
    currency: 'EUR',
    stage: 'proposal' as const,
    expectedCloseOn: '2026-12-05',
    probability: 60,
    closeDatePushes: 0,
    problem: null,
    customerTimeline: null,
    decisionMakers: [],
    buyerActions: [],
    buyerActionsNote: null,
  }));
  return {
    reviewedOn: '2026-11-23',
    reviewer: { id: 1, name: 'Morgan' },
    rep: { id: 2, name: 'Alice' },
    agenda: { closingSoon } as unknown as ReviewAgenda,
    forecasts: closingSoon.map((deal) => ({
      opportunityId: deal.id,
      buyerActions: ['asked_for_proposal', 'confirmed_budget'],
      buyerActionsNote: null,
      amount: '9000.00',
      probability: 70,
      probabilityReason: text === LONG ? LONG : 'They asked for pricing',
      improveOdds: text === LONG ? LONG : null,
    })),
    commitments: [
      { position: 1, text, owner: 'rep', ownerId: 2, dueOn: '2026-11-27' },
      { position: 2, text: 'Call the CFO', owner: 'manager', ownerId: 1, dueOn: '2026-11-30' },
    ],
  };
}

describe('the review summary message', () => {
  it('lists the next steps with owner and due date, and each forecast with what the customer did', () => {
    const message = buildReviewSummaryMessage(content(1));
    const text = JSON.stringify(message.blocks);
    expect(message.text).toBe('Deal review of Alice with Morgan on Mon 23 Nov 2026: 2 next steps agreed.');
    expect(text).toContain('1. Send the order form — Alice, due Fri 27 Nov 2026');
    expect(text).toContain('2. Call the CFO — Morgan, due Mon 30 Nov 2026');
    expect(text).toContain('*Account 1* — Expansion: EUR 9,000 at 70%. Why: They asked for pricing');
    expect(text).toContain('Customer so far: Asked for a proposal or pricing, Confirmed the budget');
  });

  it('stays within a message’s 50 blocks and 3,000 characters a section, however long the review', () => {
    const message = buildReviewSummaryMessage(content(40, LONG));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks as KnownBlock[]) {
      if (block.type === 'section') expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(message.blocks)).toContain('Account 40');
  });

  it('promises a follow-up of every next step only when the reviewer gets the digest that asks about theirs', () => {
    const privacy = (review: ReviewContent) => JSON.stringify(buildReviewSummaryMessage(review).blocks);
    // Reviews saved before the flag was kept read as before.
    expect(privacy(content(0))).toContain('The bot will follow up each next step.');
    expect(privacy({ ...content(0), reviewerGetsDigest: true })).toContain(
      'The bot will follow up each next step.',
    );
    const noDigest = { ...content(0), reviewerGetsDigest: false };
    expect(privacy(noDigest)).not.toContain('each next step');
    expect(privacy(noDigest)).toContain(
      "The bot will follow up Alice's next steps in their daily check-in; Morgan's next steps stay listed on Morgan's App Home.",
    );
    const onlyReviewers = {
      ...noDigest,
      commitments: noDigest.commitments.filter((commitment) => commitment.owner === 'manager'),
    };
    expect(privacy(onlyReviewers)).toContain(
      "Only Alice and Morgan see this conversation. Morgan's next steps stay listed on Morgan's App Home.",
    );
    const onlyReps = {
      ...noDigest,
      commitments: noDigest.commitments.filter((commitment) => commitment.owner === 'rep'),
    };
    expect(privacy(onlyReps)).toContain('The bot will follow up each next step.');
  });
});
