import type { OpportunityStage } from '../../db/schema.js';

export type { OpportunityStage };

/** Open stages in the order a deal moves through them; "moved forward" means a later one. */
export const OPEN_STAGES = ['prospecting', 'qualified', 'discovery', 'proposal', 'negotiation'] as const;

export const STAGE_LABELS: Readonly<Record<OpportunityStage, string>> = {
  prospecting: 'Prospecting',
  qualified: 'Qualified',
  discovery: 'Discovery',
  proposal: 'Proposal',
  negotiation: 'Negotiation',
  won: 'Won',
  lost: 'Lost',
};

/**
 * What the *customer* has done that shows they will decide. The review asks about these, not about
 * what the rep did.
 */
export const BUYER_ACTIONS = {
  shared_problem: 'Described the problem we solve, in their words',
  named_decision_makers: 'Named every decision maker',
  shared_criteria: 'Shared each decision maker’s buying criteria',
  shared_timeline: 'Shared their timeline and buying process',
  ran_evaluation: 'Ran a demo, trial or evaluation',
  asked_for_proposal: 'Asked for a proposal or pricing',
  confirmed_budget: 'Confirmed the budget',
  involved_procurement: 'Brought in legal or procurement',
  verbal_yes: 'Said yes, pending paperwork',
} as const;

export type BuyerAction = keyof typeof BUYER_ACTIONS;

/** The buyer-focused questions the review prompts with, in order. */
export const BUYER_QUESTIONS = [
  'What problem does this prospect have that we solve?',
  'Who decides, and what is each decision maker’s buying criteria?',
  'What has the prospect done so far to evaluate us?',
  'What is their timeline, and what is their process to buy?',
] as const;

/** Positive when `after` is further along than `before`; a win is the furthest of all, a loss is not progress. */
export function stageProgress(before: OpportunityStage, after: OpportunityStage): number {
  const order = (stage: OpportunityStage) =>
    stage === 'won' ? OPEN_STAGES.length : stage === 'lost' ? -1 : OPEN_STAGES.indexOf(stage);
  return order(after) - order(before);
}
