import { type RawBuilder, sql } from 'kysely';

/** The SQL element types a list can be sent as, and the JS value each element is. */
interface ArrayElements {
  integer: number;
  /** bigint ids come back from pg as strings (see BigId in schema.ts). */
  bigint: string;
  text: string;
  /** 'YYYY-MM-DD', as the date parser in database.ts returns it. */
  date: string;
}

export type ArrayElementType = keyof ArrayElements;

const ARRAY_CASTS: Record<ArrayElementType, RawBuilder<unknown>> = {
  integer: sql`integer[]`,
  bigint: sql`bigint[]`,
  text: sql`text[]`,
  date: sql`date[]`,
};

/**
 * The right-hand side of `column = any($1::type[])`: the whole list is ONE bind parameter, where
 * `where(column, 'in', list)` sends one per element and Postgres refuses a statement with more than
 * 65,535 of them. Cast to the column's own type, so the comparison can use the column's index.
 * An empty list matches no row (`= any('{}')` is false), as `in` would. Use as
 * `.where('person_id', '=', anyOf(personIds, 'integer'))`.
 */
export function anyOf<T extends ArrayElementType>(
  values: readonly ArrayElements[T][],
  type: T,
): RawBuilder<ArrayElements[T]> {
  return sql<ArrayElements[T]>`any(${values}::${ARRAY_CASTS[type]})`;
}
