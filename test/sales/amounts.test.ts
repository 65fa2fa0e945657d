import { describe, expect, it } from 'vitest';
import {
  convertCents,
  formatCents,
  formatRate,
  parseAmount,
  parseRate,
} from '../../src/domain/sales/amounts.js';

describe('import amounts', () => {
  it('reads amounts with up to two decimals as cents, and nothing else', () => {
    expect(['1200', '1200.5', '1200.50', '0.07'].map(parseAmount)).toEqual([120000n, 120050n, 120050n, 7n]);
    expect(['', '-5', '1,200', '1.234', '1e3', ' 12', '1234567890123'].map(parseAmount)).toEqual(
      Array(7).fill(undefined),
    );
  });

  it('reads positive rates with up to eight decimals', () => {
    expect(parseRate('1.08')).toBe(108_000_000n);
    expect(['0', '0.00', '-1', '1.123456789', 'x'].map(parseRate)).toEqual(Array(5).fill(undefined));
  });

  it('converts half up to the cent, exactly', () => {
    // 100.10 × 1.05 = 105.105 → 105.11; 0.01 × 0.5 = 0.005 → 0.01; 0.01 × 0.49999999 = 0.0049999999 → 0.00
    expect(convertCents(10_010n, parseRate('1.05')!)).toBe(10_511n);
    expect(convertCents(1n, parseRate('0.5')!)).toBe(1n);
    expect(convertCents(1n, parseRate('0.49999999')!)).toBe(0n);
    // 999,999,999,999.99 × 2 does not fit numeric(14, 2)
    expect(convertCents(99_999_999_999_999n, parseRate('2')!)).toBeUndefined();
  });

  it('writes cents and rates back as decimal text', () => {
    expect([0n, 7n, 120050n].map(formatCents)).toEqual(['0.00', '0.07', '1200.50']);
    expect([parseRate('1.05')!, parseRate('2')!, parseRate('0.00000001')!].map(formatRate)).toEqual([
      '1.05',
      '2',
      '0.00000001',
    ]);
  });
});
