import { describe, expect, it } from 'vitest';
import {
  formatDecisionMakers,
  MAX_DECISION_MAKERS,
  type OpportunityForm,
  parseDecisionMakers,
  validateOpportunity,
} from '../../src/domain/opportunities/fields.js';

const FORM: OpportunityForm = {
  account: ' Acme ',
  name: '40 seats',
  amount: '12,000.5',
  currency: 'eur',
  stage: 'Proposal',
  expectedCloseOn: '2026-12-15',
  probability: '60%',
};

describe('validateOpportunity', () => {
  it('turns typed text into stored values, leaving out optional fields that were not given', () => {
    expect(validateOpportunity(FORM)).toEqual({
      ok: true,
      fields: {
        account: 'Acme',
        name: '40 seats',
        amount: '12000.50',
        currency: 'EUR',
        stage: 'proposal',
        expectedCloseOn: '2026-12-15',
        probability: 60,
      },
    });
  });

  it('clears optional text given empty', () => {
    const result = validateOpportunity({ ...FORM, problem: '  ', decisionMakers: '', buyerActions: [] });
    expect(result).toMatchObject({
      ok: true,
      fields: { problem: null, decisionMakers: [], buyerActions: [] },
    });
  });

  it.each([
    ['amount', '-5', "The amount can't be negative."],
    ['amount', '12.345', 'Use at most 2 decimals, like 1200.50.'],
    ['amount', '1e5', 'Enter an amount like 1200 or 1200.50.'],
    ['amount', '1000000000000', 'That is more than 999,999,999,999.99. Check the amount.'],
    ['probability', '101', 'Enter a whole number from 0 to 100.'],
    ['probability', '-1', 'Enter a whole number from 0 to 100.'],
    ['probability', '55.5', 'Enter a whole number from 0 to 100.'],
    ['probability', '', 'Enter a whole number from 0 to 100.'],
    ['currency', 'EURO', 'Pick a currency, as a three-letter code like USD.'],
    [
      'stage',
      'closing',
      'Pick a stage: Prospecting, Qualified, Discovery, Proposal, Negotiation, Won, Lost.',
    ],
    ['expectedCloseOn', '2026-02-30', 'Pick the date you expect it to close (YYYY-MM-DD).'],
    ['name', '', 'Give the opportunity a name.'],
    ['account', 'x'.repeat(151), 'Use at most 150 characters (this has 151).'],
    ['problem', 'x'.repeat(2001), 'Use at most 2,000 characters (this has 2,001).'],
  ] as const)('refuses %s %j', (field, value, message) => {
    expect(validateOpportunity({ ...FORM, [field]: value })).toEqual({
      ok: false,
      errors: { [field]: message },
    });
  });

  it('accepts the edges: 0 and 100 %, an amount of 0', () => {
    expect(validateOpportunity({ ...FORM, probability: '0', amount: '0' })).toMatchObject({
      ok: true,
      fields: { probability: 0, amount: '0.00' },
    });
    expect(validateOpportunity({ ...FORM, probability: '100' })).toMatchObject({ ok: true });
  });

  it('refuses a buyer action it does not know', () => {
    expect(validateOpportunity({ ...FORM, buyerActions: ['shared_problem', 'bribed_us'] })).toEqual({
      ok: false,
      errors: { buyerActions: '"bribed_us" is not one of the buyer actions.' },
    });
  });
});

describe('decision makers', () => {
  it('reads one per line with em dash, en dash or spaced hyphen, skipping blank lines and empty parts', () => {
    expect(
      parseDecisionMakers(
        'Dana Reyes — CFO — payback within a year\n\nLee Park - IT lead\nKim –  — uptime — SSO',
      ),
    ).toEqual({
      decisionMakers: [
        { name: 'Dana Reyes', role: 'CFO', buying_criteria: 'payback within a year' },
        { name: 'Lee Park', role: 'IT lead', buying_criteria: null },
        { name: 'Kim', role: null, buying_criteria: 'uptime — SSO' },
      ],
    });
  });

  it('writes them back the way it reads them', () => {
    const text = 'Dana Reyes — CFO — payback within a year\nLee Park — IT lead\nKim';
    const parsed = parseDecisionMakers(text);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(formatDecisionMakers(parsed.decisionMakers)).toBe(text);
  });

  it('needs a name on each line, and at most ten people', () => {
    expect(parseDecisionMakers('— CFO')).toEqual({ error: 'Start each line with a name: "— CFO".' });
    const many = Array.from({ length: MAX_DECISION_MAKERS + 1 }, (_, index) => `Person ${index}`).join('\n');
    expect(parseDecisionMakers(many)).toEqual({ error: 'List at most 10 decision makers, one per line.' });
  });

  it('takes parts of exactly 300 characters and says "at most" past that', () => {
    expect(parseDecisionMakers(`Ann — ${'r'.repeat(300)}`)).not.toHaveProperty('error');
    expect(parseDecisionMakers(`Ann — ${'r'.repeat(301)}`)).toEqual({
      error: 'Use at most 300 characters for each part: "Ann".',
    });
  });
});
