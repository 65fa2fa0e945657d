// Buttons and modals carry database row ids (bigint ids as text). Whatever comes back from Slack is
// checked against this shape before it reaches a query.

export const ROW_ID = /^\d{1,18}$/;

/** The row id a button value or a modal's private_metadata carries, or undefined for anything else. */
export function parseRowId(value: string | undefined): string | undefined {
  return typeof value === 'string' && ROW_ID.test(value) ? value : undefined;
}

/** A row id about to be put in a view. One the parser would refuse later is a bug worth failing on now. */
export function rowId(id: string, what: string): string {
  if (parseRowId(id) === undefined) throw new RangeError(`not a ${what} id: ${id}`);
  return id;
}
