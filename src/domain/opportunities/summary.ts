import type { Opportunity } from '../../db/schema.js';
import type { OpportunitySummary } from '../deal-review/agenda.js';
import { BUYER_ACTIONS, type BuyerAction } from '../deal-review/vocabulary.js';

export function isBuyerAction(key: string): key is BuyerAction {
  return Object.hasOwn(BUYER_ACTIONS, key);
}

/** An opportunity row as reviews and the Home show it; buyer actions the vocabulary no longer knows are dropped. */
export function summarizeOpportunity(opportunity: Opportunity): OpportunitySummary {
  return {
    id: opportunity.id,
    account: opportunity.account,
    name: opportunity.name,
    amount: opportunity.amount,
    currency: opportunity.currency,
    stage: opportunity.stage,
    expectedCloseOn: opportunity.expected_close_on,
    probability: opportunity.probability,
    closeDatePushes: opportunity.close_date_pushes,
    problem: opportunity.problem,
    customerTimeline: opportunity.customer_timeline,
    decisionMakers: opportunity.decision_makers,
    buyerActions: opportunity.buyer_actions.filter(isBuyerAction),
    buyerActionsNote: opportunity.buyer_actions_note,
  };
}
