import { describe, expect, it } from 'vitest';
import {
  checkCommitments,
  checkForecasts,
  type ForecastInput,
} from '../../src/domain/deal-review/validation.js';

const TODAY = '2026-11-23';

function forecast(overrides: Partial<ForecastInput> = {}): ForecastInput {
  return {
    buyerActions: ['ran_evaluation'],
    buyerActionsNote: '',
    amount: '12,000.5',
    probability: '60',
    probabilityReason: 'They ran a trial with 3 teams',
    improveOdds: '',
    ...overrides,
  };
}

function forecastErrors(input: ForecastInput) {
  const checked = checkForecasts(['1'], { '1': input });
  return checked.ok
    ? {}
    : Object.fromEntries(checked.errors.map((error) => [error.field.field, error.message]));
}

describe('part 4 checks', () => {
  it('turns a good forecast into stored values', () => {
    expect(
      checkForecasts(['1'], { '1': forecast({ probability: '60 %', improveOdds: '  Meet the CFO ' }) }),
    ).toEqual({
      ok: true,
      value: [
        {
          opportunityId: '1',
          buyerActions: ['ran_evaluation'],
          buyerActionsNote: null,
          amount: '12000.50',
          probability: 60,
          probabilityReason: 'They ran a trial with 3 teams',
          improveOdds: 'Meet the CFO',
        },
      ],
    });
  });

  it.each([
    ['101', 'A probability goes from 0 to 100.'],
    ['-5', 'Use a whole number from 0 to 100, like 60.'],
    ['55.5', 'Use a whole number from 0 to 100, like 60.'],
    ['likely', 'Use a whole number from 0 to 100, like 60.'],
    ['', 'Enter the rep’s probability, from 0 to 100.'],
  ])('refuses the probability %j', (probability, message) => {
    expect(forecastErrors(forecast({ probability }))).toEqual({ probability: message });
  });

  it('accepts 0 and 100', () => {
    expect(checkForecasts(['1'], { '1': forecast({ probability: '0' }) }).ok).toBe(true);
    expect(checkForecasts(['1'], { '1': forecast({ probability: '100' }) }).ok).toBe(true);
  });

  it.each([
    ['-1', "Revenue can't be negative."],
    ['', 'Enter the revenue (0 is fine).'],
    ['12k', 'Enter the revenue as a number like 12000 or 12,000.50.'],
    ['1.234', 'Enter the revenue as a number like 12000 or 12,000.50.'],
    ['1000000000000', 'That is more than 999,999,999,999.99. Check the revenue.'],
  ])('refuses the revenue %j', (amount, message) => {
    expect(forecastErrors(forecast({ amount }))).toEqual({ amount: message });
  });

  it('wants the reason, known buyer actions and texts within 3,000 characters', () => {
    expect(
      forecastErrors(
        forecast({ probabilityReason: '  ', buyerActions: ['bribed_us'], improveOdds: 'y'.repeat(3001) }),
      ),
    ).toEqual({
      probabilityReason: 'Say why: what has the customer done that backs this number?',
      buyerActions: 'Pick from the list.',
      improveOdds: 'Use at most 3,000 characters (this has 3,001).',
    });
  });

  it('treats a deal nobody typed anything for as missing its required fields', () => {
    const checked = checkForecasts(['1'], {});
    expect(checked.ok ? [] : checked.errors.map((error) => error.field)).toEqual([
      { part: 'forecast', opportunityId: '1', field: 'amount' },
      { part: 'forecast', opportunityId: '1', field: 'probability' },
      { part: 'forecast', opportunityId: '1', field: 'probabilityReason' },
    ]);
  });
});

describe('part 5 checks', () => {
  const blank = { text: '', owner: '', dueOn: '' };

  it('keeps filled slots in order, numbered from 1, skipping empty ones', () => {
    expect(
      checkCommitments(
        [
          blank,
          { text: ' Send the MSA ', owner: 'rep', dueOn: TODAY },
          blank,
          { text: 'Call the CFO', owner: 'manager', dueOn: '2027-01-04' },
        ],
        TODAY,
      ),
    ).toEqual({
      ok: true,
      value: [
        { position: 1, text: 'Send the MSA', owner: 'rep', dueOn: TODAY },
        { position: 2, text: 'Call the CFO', owner: 'manager', dueOn: '2027-01-04' },
      ],
    });
  });

  it('wants at least one next step', () => {
    expect(checkCommitments([blank, blank], TODAY)).toEqual({
      ok: false,
      errors: [
        {
          field: { part: 'commitment', slot: 0, field: 'text' },
          message: 'Agree on at least one next step.',
        },
      ],
    });
  });

  it('refuses a due date before the manager’s today, and a half-filled slot', () => {
    const checked = checkCommitments(
      [
        { text: 'Send the MSA', owner: 'rep', dueOn: '2026-11-22' },
        { text: '', owner: 'manager', dueOn: '' },
        { text: 'z'.repeat(3001), owner: 'someone', dueOn: 'soon' },
      ],
      TODAY,
    );
    expect(checked.ok ? [] : checked.errors).toEqual([
      { field: { part: 'commitment', slot: 0, field: 'dueOn' }, message: 'Pick today or a later date.' },
      { field: { part: 'commitment', slot: 1, field: 'text' }, message: 'Say what was agreed.' },
      { field: { part: 'commitment', slot: 1, field: 'dueOn' }, message: 'Pick a due date.' },
      {
        field: { part: 'commitment', slot: 2, field: 'text' },
        message: 'Use at most 3,000 characters (this has 3,001).',
      },
      { field: { part: 'commitment', slot: 2, field: 'owner' }, message: 'Pick who will do it.' },
      { field: { part: 'commitment', slot: 2, field: 'dueOn' }, message: 'Pick a due date.' },
    ]);
  });
});
