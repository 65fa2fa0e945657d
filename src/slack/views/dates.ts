import { DateTime } from 'luxon';

/**
 * A local calendar date ('YYYY-MM-DD') to format: read in UTC so no server zone can shift the day,
 * with English names. A malformed date is a bug in the caller, not something to show.
 */
export function calendarDate(iso: string): DateTime {
  const date = DateTime.fromISO(iso, { zone: 'utc', locale: 'en-GB' });
  if (!date.isValid) throw new RangeError(`not a calendar date: ${iso}`);
  return date.startOf('day');
}
