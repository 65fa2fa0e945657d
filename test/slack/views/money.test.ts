import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../src/slack/views/money.js';

describe('formatMoney', () => {
  it.each([
    ['1200.00', 'USD', 'USD 1,200'],
    ['1200.50', 'EUR', 'EUR 1,200.50'],
    ['1200.5', 'EUR', 'EUR 1,200.50'],
    ['0.5', 'GBP', 'GBP 0.50'],
    ['0.00', 'USD', 'USD 0'],
    ['007', 'USD', 'USD 7'],
    ['999999999999.99', 'JPY', 'JPY 999,999,999,999.99'],
    // A weekly sum past 2^53 cents keeps every digit: it never becomes a JS number.
    ['90071992547409.93', 'USD', 'USD 90,071,992,547,409.93'],
  ])('shows %s %s as %j', (amount, currency, expected) => {
    expect(formatMoney(amount, currency)).toBe(expected);
  });

  it('is plain text: what is not a plain decimal is shown as it is, for the caller to escape', () => {
    expect(formatMoney('<odd>', 'USD')).toBe('USD <odd>');
  });
});
