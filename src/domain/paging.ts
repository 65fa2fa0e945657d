/** One page of a list: `limit` items from the `offset`-th on (0 is the first). */
export interface Page {
  limit: number;
  offset: number;
}

/**
 * Reads the page that holds the `offset`-th item, pages starting at multiples of `limit`. A page past
 * the end (items closed or done since the list was drawn) gives the last page there is instead, so a
 * redraw after the last item of a page went away shows the page before it.
 */
export async function readPage<T>(
  page: Page,
  read: (limit: number, offset: number) => Promise<{ rows: T[]; total: number }>,
): Promise<{ rows: T[]; total: number; offset: number }> {
  const limit = Math.max(1, Math.floor(page.limit));
  let offset = pageStart(page.offset, limit);
  let { rows, total } = await read(limit, offset);
  if (rows.length === 0 && offset > 0) {
    // Past the end, the page says nothing of the total: count, then read the last page there is.
    const left = (await read(1, 0)).total;
    offset = pageStart(left - 1, limit);
    ({ rows, total } = await read(limit, offset));
  }
  return { rows, total, offset };
}

/** The first item of the page that holds the `offset`-th. */
function pageStart(offset: number, limit: number): number {
  const whole = Number.isSafeInteger(offset) && offset > 0 ? offset : 0;
  return whole - (whole % limit);
}
