import type { OpportunityFields } from '../../db/queries/opportunities.js';
import type { DecisionMaker, OpportunityStage } from '../../db/schema.js';
import { parseLocalDate } from '../coaching/schedule.js';
import { STAGE_LABELS } from '../deal-review/vocabulary.js';
import { type AmountProblem, parseTypedAmount, tooLong } from '../typed-input.js';
import { isBuyerAction } from './summary.js';

/**
 * An opportunity as typed in the Home form or read from an import file: text, not yet checked.
 * An optional field left undefined was not given at all (an import file without that column) and
 * keeps what is stored; given but empty clears it.
 */
export interface OpportunityForm {
  account: string;
  name: string;
  amount: string;
  currency: string;
  stage: string;
  expectedCloseOn: string;
  probability: string;
  /** One decision maker per line: "Name — role — buying criteria". */
  decisionMakers?: string;
  problem?: string;
  customerTimeline?: string;
  buyerActions?: string[];
  buyerActionsNote?: string;
}

export type OpportunityField = keyof OpportunityForm;

/** The checked opportunity: the required fields, and each optional one that was given. */
export type ValidOpportunity = Omit<
  OpportunityFields,
  'decisionMakers' | 'problem' | 'customerTimeline' | 'buyerActions' | 'buyerActionsNote'
> &
  Partial<OpportunityFields>;

export type OpportunityValidation =
  | { ok: true; fields: ValidOpportunity }
  | { ok: false; errors: Partial<Record<OpportunityField, string>> };

/** Longest text each field keeps; the form sets the same limits on its inputs. */
export const OPPORTUNITY_TEXT_LIMITS = {
  account: 150,
  name: 150,
  decisionMakers: 3000,
  problem: 2000,
  customerTimeline: 2000,
  buyerActionsNote: 2000,
} as const;

/** A review can discuss this many decision makers per deal; more is a list, not a buying group. */
export const MAX_DECISION_MAKERS = 10;
const DECISION_MAKER_PART_LIMIT = 300;

const STAGES = Object.keys(STAGE_LABELS) as OpportunityStage[];
const CURRENCY = /^[A-Za-z]{3}$/;
const PROBABILITY = /^\d{1,3}\s*%?$/;
/** "Name — role — criteria"; an en dash or a spaced hyphen works too, as people type them. */
const DECISION_MAKER_SEPARATOR = /\s*[—–]\s*|\s+-\s+/;

const AMOUNT_PROBLEMS: Record<AmountProblem, string> = {
  empty: 'Enter the amount (0 is fine), like 1200 or 1200.50.',
  negative: "The amount can't be negative.",
  malformed: 'Enter an amount like 1200 or 1200.50.',
  decimals: 'Use at most 2 decimals, like 1200.50.',
  too_large: 'That is more than 999,999,999,999.99. Check the amount.',
};

function parseAmount(text: string): { amount: string } | { error: string } {
  const parsed = parseTypedAmount(text);
  return 'problem' in parsed ? { error: AMOUNT_PROBLEMS[parsed.problem] } : parsed;
}

/** A stage by its key or its label, in any case ('Proposal', 'proposal'). */
export function parseStage(text: string): OpportunityStage | undefined {
  const wanted = text.trim().toLowerCase();
  return STAGES.find((stage) => stage === wanted || STAGE_LABELS[stage].toLowerCase() === wanted);
}

export function parseDecisionMakers(text: string): { decisionMakers: DecisionMaker[] } | { error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length > MAX_DECISION_MAKERS) {
    return { error: `List at most ${MAX_DECISION_MAKERS} decision makers, one per line.` };
  }
  const decisionMakers: DecisionMaker[] = [];
  for (const line of lines) {
    const [name = '', role = '', ...criteria] = line.split(DECISION_MAKER_SEPARATOR);
    const buyingCriteria = criteria.join(' — ');
    if (name === '') return { error: `Start each line with a name: "${line}".` };
    if ([name, role, buyingCriteria].some((part) => part.length > DECISION_MAKER_PART_LIMIT)) {
      return { error: `Use at most ${DECISION_MAKER_PART_LIMIT} characters for each part: "${name}".` };
    }
    decisionMakers.push({ name, role: role || null, buying_criteria: buyingCriteria || null });
  }
  return { decisionMakers };
}

/** The form's text for stored decision makers: what parseDecisionMakers reads back the same. */
export function formatDecisionMakers(decisionMakers: readonly DecisionMaker[]): string {
  return decisionMakers
    .map((person) => {
      const parts = [person.name, person.role ?? '', person.buying_criteria ?? ''];
      while (parts.length > 1 && parts.at(-1) === '') parts.pop();
      return parts.join(' — ');
    })
    .join('\n');
}

/**
 * Checks every field and reports the first problem of each, so one submission shows them all. The
 * same rules serve the Home form and the import file.
 */
export function validateOpportunity(form: OpportunityForm): OpportunityValidation {
  const errors: Partial<Record<OpportunityField, string>> = {};

  const account = form.account.trim();
  const accountProblem =
    account === '' ? 'Name the account.' : tooLong(account, OPPORTUNITY_TEXT_LIMITS.account);
  if (accountProblem) errors.account = accountProblem;

  const name = form.name.trim();
  const nameProblem =
    name === '' ? 'Give the opportunity a name.' : tooLong(name, OPPORTUNITY_TEXT_LIMITS.name);
  if (nameProblem) errors.name = nameProblem;

  const amount = parseAmount(form.amount);
  if ('error' in amount) errors.amount = amount.error;

  const currency = form.currency.trim().toUpperCase();
  if (!CURRENCY.test(currency)) errors.currency = 'Pick a currency, as a three-letter code like USD.';

  const stage = parseStage(form.stage);
  if (stage === undefined)
    errors.stage = `Pick a stage: ${STAGES.map((key) => STAGE_LABELS[key]).join(', ')}.`;

  const expectedCloseOn = parseLocalDate(form.expectedCloseOn);
  if (expectedCloseOn === undefined)
    errors.expectedCloseOn = 'Pick the date you expect it to close (YYYY-MM-DD).';

  const probabilityText = form.probability.trim();
  const probability = PROBABILITY.test(probabilityText) ? Number.parseInt(probabilityText, 10) : Number.NaN;
  if (!(probability >= 0 && probability <= 100)) {
    errors.probability = 'Enter a whole number from 0 to 100.';
  }

  let decisionMakers: DecisionMaker[] | undefined;
  if (form.decisionMakers !== undefined) {
    const parsed = parseDecisionMakers(form.decisionMakers);
    const problem = tooLong(form.decisionMakers, OPPORTUNITY_TEXT_LIMITS.decisionMakers);
    if (problem) errors.decisionMakers = problem;
    else if ('error' in parsed) errors.decisionMakers = parsed.error;
    else decisionMakers = parsed.decisionMakers;
  }

  const optionalText = (field: 'problem' | 'customerTimeline' | 'buyerActionsNote') => {
    const text = form[field]?.trim();
    if (text === undefined) return undefined;
    const problem = tooLong(text, OPPORTUNITY_TEXT_LIMITS[field]);
    if (problem) errors[field] = problem;
    return text === '' ? null : text;
  };
  const problem = optionalText('problem');
  const customerTimeline = optionalText('customerTimeline');
  const buyerActionsNote = optionalText('buyerActionsNote');

  const unknownAction = form.buyerActions?.find((key) => !isBuyerAction(key));
  if (unknownAction !== undefined)
    errors.buyerActions = `"${unknownAction}" is not one of the buyer actions.`;

  if (Object.keys(errors).length > 0 || 'error' in amount || stage === undefined || !expectedCloseOn) {
    return { ok: false, errors };
  }
  const fields: ValidOpportunity = {
    account,
    name,
    amount: amount.amount,
    currency,
    stage,
    expectedCloseOn,
    probability,
  };
  if (decisionMakers !== undefined) fields.decisionMakers = decisionMakers;
  if (problem !== undefined) fields.problem = problem;
  if (customerTimeline !== undefined) fields.customerTimeline = customerTimeline;
  if (form.buyerActions !== undefined) fields.buyerActions = [...new Set(form.buyerActions)];
  if (buyerActionsNote !== undefined) fields.buyerActionsNote = buyerActionsNote;
  return { ok: true, fields };
}
