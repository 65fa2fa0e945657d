import { DateTime } from 'luxon';
import { type AmountProblem, parseTypedAmount, tooLong } from '../typed-input.js';
import { BUYER_ACTIONS, type BuyerAction } from './vocabulary.js';

// What a manager types in parts 4 and 5, as typed (strings, so a draft keeps even a wrong value),
// and the checks that turn it into what a review stores.

/** Slack's cap for plain_text_input, and the longest free text a review keeps. */
export const MAX_TEXT_LENGTH = 3000;
export const MAX_COMMITMENTS = 5;

/** Part 4 for one deal, as typed. */
export interface ForecastInput {
  buyerActions: string[];
  buyerActionsNote: string;
  amount: string;
  probability: string;
  probabilityReason: string;
  improveOdds: string;
}

export type CommitmentOwner = 'rep' | 'manager';

/** One slot of part 5, as typed; an empty slot is not a commitment. */
export interface CommitmentInput {
  text: string;
  owner: string;
  dueOn: string;
}

/** Everything typed so far: forecasts by opportunity id, the commitment slots in order. */
export interface ReviewAnswers {
  forecasts: Record<string, ForecastInput>;
  commitments: CommitmentInput[];
}

export interface Forecast {
  opportunityId: string;
  buyerActions: BuyerAction[];
  buyerActionsNote: string | null;
  /** Decimal string, e.g. '12000.00'. */
  amount: string;
  probability: number;
  probabilityReason: string;
  improveOdds: string | null;
}

export interface AgreedCommitment {
  /** 1-based, in the order the slots were filled. */
  position: number;
  text: string;
  owner: CommitmentOwner;
  dueOn: string;
}

export type AnswerField =
  | { part: 'forecast'; opportunityId: string; field: keyof ForecastInput }
  | { part: 'commitment'; slot: number; field: keyof CommitmentInput };

export interface AnswerError {
  field: AnswerField;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: AnswerError[] };

export function emptyForecast(): ForecastInput {
  return {
    buyerActions: [],
    buyerActionsNote: '',
    amount: '',
    probability: '',
    probabilityReason: '',
    improveOdds: '',
  };
}

const REVENUE_PROBLEMS: Record<AmountProblem, string> = {
  empty: 'Enter the revenue (0 is fine).',
  negative: "Revenue can't be negative.",
  malformed: 'Enter the revenue as a number like 12000 or 12,000.50.',
  decimals: 'Enter the revenue as a number like 12000 or 12,000.50.',
  too_large: 'That is more than 999,999,999,999.99. Check the revenue.',
};

/** '12,000.5' → '12000.50'; a message for anything that is not a revenue figure. */
function checkAmount(raw: string): { value: string } | { message: string } {
  const parsed = parseTypedAmount(raw);
  return 'problem' in parsed ? { message: REVENUE_PROBLEMS[parsed.problem] } : { value: parsed.amount };
}

function checkProbability(raw: string): { value: number } | { message: string } {
  const text = raw.trim().replace(/\s*%$/, '');
  if (text === '') return { message: 'Enter the rep’s probability, from 0 to 100.' };
  if (!/^\d+$/.test(text)) return { message: 'Use a whole number from 0 to 100, like 60.' };
  const value = Number(text);
  return value <= 100 ? { value } : { message: 'A probability goes from 0 to 100.' };
}

/** Part 4 for the given deals; every problem of every deal is reported at once. */
export function checkForecasts(
  opportunityIds: readonly string[],
  inputs: Readonly<Record<string, ForecastInput>>,
): Checked<Forecast[]> {
  const errors: AnswerError[] = [];
  const forecasts: Forecast[] = [];
  for (const opportunityId of opportunityIds) {
    const input = inputs[opportunityId] ?? emptyForecast();
    const fail = (field: keyof ForecastInput, message: string) =>
      errors.push({ field: { part: 'forecast', opportunityId, field }, message });
    const amount = checkAmount(input.amount);
    if ('message' in amount) fail('amount', amount.message);
    const probability = checkProbability(input.probability);
    if ('message' in probability) fail('probability', probability.message);
    const reason = input.probabilityReason.trim();
    if (reason === '')
      fail('probabilityReason', 'Say why: what has the customer done that backs this number?');
    const unknownAction = input.buyerActions.find((action) => !(action in BUYER_ACTIONS));
    if (unknownAction !== undefined) fail('buyerActions', 'Pick from the list.');
    for (const field of ['buyerActionsNote', 'probabilityReason', 'improveOdds'] as const) {
      const problem = tooLong(input[field].trim(), MAX_TEXT_LENGTH);
      if (problem !== undefined) fail(field, problem);
    }
    if ('value' in amount && 'value' in probability) {
      forecasts.push({
        opportunityId,
        buyerActions: input.buyerActions as BuyerAction[],
        buyerActionsNote: input.buyerActionsNote.trim() || null,
        amount: amount.value,
        probability: probability.value,
        probabilityReason: reason,
        improveOdds: input.improveOdds.trim() || null,
      });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: forecasts };
}

function isBlank(slot: CommitmentInput): boolean {
  return slot.text.trim() === '' && slot.owner === '' && slot.dueOn === '';
}

/**
 * Part 5: one to five next steps. A slot left wholly empty is skipped; a half-filled one must be
 * finished. `today` is the manager's local date: a due date before it is refused.
 */
export function checkCommitments(
  slots: readonly CommitmentInput[],
  today: string,
): Checked<AgreedCommitment[]> {
  const errors: AnswerError[] = [];
  const agreed: AgreedCommitment[] = [];
  slots.slice(0, MAX_COMMITMENTS).forEach((slot, index) => {
    if (isBlank(slot)) return;
    const fail = (field: keyof CommitmentInput, message: string) =>
      errors.push({ field: { part: 'commitment', slot: index, field }, message });
    const text = slot.text.trim();
    if (text === '') fail('text', 'Say what was agreed.');
    const long = tooLong(text, MAX_TEXT_LENGTH);
    if (long !== undefined) fail('text', long);
    if (slot.owner !== 'rep' && slot.owner !== 'manager') fail('owner', 'Pick who will do it.');
    const due = DateTime.fromISO(slot.dueOn, { zone: 'utc' });
    if (slot.dueOn === '' || !due.isValid) fail('dueOn', 'Pick a due date.');
    else if (slot.dueOn < today) fail('dueOn', 'Pick today or a later date.');
    agreed.push({
      position: agreed.length + 1,
      text,
      owner: slot.owner as CommitmentOwner,
      dueOn: slot.dueOn,
    });
  });
  if (errors.length === 0 && agreed.length === 0) {
    errors.push({
      field: { part: 'commitment', slot: 0, field: 'text' },
      message: 'Agree on at least one next step.',
    });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: agreed };
}
