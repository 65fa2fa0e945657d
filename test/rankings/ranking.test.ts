import { describe, expect, it } from 'vitest';
import { compareDecimals, competitionRanking, movementSince } from '../../src/domain/rankings/ranking.js';

describe('ranking rules', () => {
  it('orders decimal figures by value, not as text or floating point', () => {
    expect(compareDecimals('999.99', '1000.00')).toBe(-1);
    expect(compareDecimals('10', '9.99')).toBe(1);
    expect(compareDecimals('1200.5', '1200.50')).toBe(0);
    expect(compareDecimals('0.00', '0')).toBe(0);
    // 2^53 + 1 cents: equal to 2^53 cents once in floating point
    expect(compareDecimals('90071992547409.93', '90071992547409.92')).toBe(1);
  });

  it('gives a tie one rank and skips the places it holds (1, 2, 2, 4), alphabetical inside the tie', () => {
    const figures = [
      { personId: 1, name: 'zoe', figure: '5' },
      { personId: 2, name: 'Bea', figure: '7' },
      { personId: 3, name: 'Åsa', figure: '5' },
      { personId: 4, name: 'Cy', figure: '1' },
      { personId: 5, name: 'cy', figure: '1' },
    ];
    const ranked = competitionRanking(figures, (a, b) => compareDecimals(b.figure, a.figure));
    expect(ranked.map((entry) => [entry.name, entry.rank])).toEqual([
      ['Bea', 1],
      ['Åsa', 2],
      ['zoe', 2],
      // Same name but for case: the older person (lower id) first.
      ['Cy', 4],
      ['cy', 4],
    ]);
  });

  it('says how many places a rep moved since last week', () => {
    expect(movementSince(5, 1)).toEqual({ kind: 'up', places: 4 });
    expect(movementSince(1, 3)).toEqual({ kind: 'down', places: 2 });
    expect(movementSince(2, 2)).toEqual({ kind: 'same' });
    expect(movementSince(undefined, 1)).toEqual({ kind: 'new' });
  });
});
