import { describe, expect, it } from 'vitest';
import { parseTypedAmount, tooLong } from '../../src/domain/typed-input.js';

describe('parseTypedAmount', () => {
  it('reads plain and comma-grouped amounts to two decimals', () => {
    expect(parseTypedAmount(' 1,200.5 ')).toEqual({ amount: '1200.50' });
    expect(parseTypedAmount('0012')).toEqual({ amount: '12.00' });
    expect(parseTypedAmount('999999999999.99')).toEqual({ amount: '999999999999.99' });
  });

  it('names what is wrong', () => {
    expect(parseTypedAmount('  ')).toEqual({ problem: 'empty' });
    expect(parseTypedAmount('-5')).toEqual({ problem: 'negative' });
    expect(parseTypedAmount('−0')).toEqual({ problem: 'negative' });
    expect(parseTypedAmount('12,00')).toEqual({ problem: 'malformed' });
    expect(parseTypedAmount('1.')).toEqual({ problem: 'malformed' });
    expect(parseTypedAmount('1.234')).toEqual({ problem: 'decimals' });
    expect(parseTypedAmount('1000000000000')).toEqual({ problem: 'too_large' });
  });
});

describe('tooLong', () => {
  it('says how long the text is against the limit, and nothing when it fits', () => {
    expect(tooLong('x'.repeat(3000), 3000)).toBeUndefined();
    expect(tooLong('x'.repeat(3001), 3000)).toBe('Use at most 3,000 characters (this has 3,001).');
  });
});
