import type { Movement } from './standings.js';

/**
 * Orders two non-negative decimal strings ('1200.50', '7', '0.00') by value, exactly: figures come
 * from Postgres numeric sums and must not pass through floating point, where two different sums of
 * cents can compare equal (or equal sums unequal).
 */
export function compareDecimals(a: string, b: string): number {
  const [aWhole = '0', aFraction = ''] = a.split('.');
  const [bWhole = '0', bFraction = ''] = b.split('.');
  const scale = Math.max(aFraction.length, bFraction.length);
  const left = BigInt(aWhole + aFraction.padEnd(scale, '0'));
  const right = BigInt(bWhole + bFraction.padEnd(scale, '0'));
  return left === right ? 0 : left < right ? -1 : 1;
}

const names = new Intl.Collator('en', { sensitivity: 'base' });

/** A ranked thing: its name orders a tie on screen, its id keeps two equal names in a stable order. */
export interface Rankable {
  personId: number;
  name: string;
}

/** Alphabetical, case and accents aside; the id settles two people with the same name. */
export function byName(a: Rankable, b: Rankable): number {
  return names.compare(a.name, b.name) || a.personId - b.personId;
}

/**
 * Competition ranking ("1224"): best first by `better`, a tie shares the rank and the next rank skips
 * as many places as the tie holds; inside a tie, alphabetical by name so nobody reads the order of a
 * tie as a verdict.
 */
export function competitionRanking<T extends Rankable>(
  items: readonly T[],
  better: (a: T, b: T) => number,
): Array<T & { rank: number }> {
  const ordered = [...items].sort((a, b) => better(a, b) || byName(a, b));
  const ranked: Array<T & { rank: number }> = [];
  ordered.forEach((item, index) => {
    const previous = ranked[index - 1];
    const rank = previous !== undefined && better(previous, item) === 0 ? previous.rank : index + 1;
    ranked.push({ ...item, rank });
  });
  return ranked;
}

/** Places gained or lost since last week's rank; 'new' when the rep was not ranked last week. */
export function movementSince(previousRank: number | undefined, rank: number): Movement {
  if (previousRank === undefined) return { kind: 'new' };
  if (rank < previousRank) return { kind: 'up', places: previousRank - rank };
  if (rank > previousRank) return { kind: 'down', places: rank - previousRank };
  return { kind: 'same' };
}
