import { DateTime } from 'luxon';

// Calendar dates as every view shows them: British English names, weekday day month year, and always
// the year, because posts and DMs stay in Slack long after the week they were about and the Home has
// no "today" to leave a year out against.

/**
 * A local calendar date ('YYYY-MM-DD') to format: read in UTC so no server zone can shift the day,
 * with English names. A malformed date is a bug in the caller, not something to show.
 */
export function calendarDate(iso: string): DateTime {
  const date = DateTime.fromISO(iso, { zone: 'utc', locale: 'en-GB' });
  if (!date.isValid) throw new RangeError(`not a calendar date: ${iso}`);
  return date.startOf('day');
}

/** 'Fri 4 Dec 2026': one day. */
export function formatDate(iso: string): string {
  return calendarDate(iso).toFormat('ccc d MMM yyyy');
}

/** 'Friday': a day close enough to today that its weekday says which one. */
export function formatWeekday(iso: string): string {
  return calendarDate(iso).toFormat('cccc');
}

/**
 * A span of days, first and last included, without weekdays and naming the month and year once when
 * both ends share them: '16–22 Nov 2026', '30 Nov – 6 Dec 2026', '28 Dec 2026 – 3 Jan 2027', and
 * '1 Jan 2027' for a span of one day (the year so far, on New Year's Day).
 */
export function formatDateRange(first: string, last: string): string {
  const start = calendarDate(first);
  const end = calendarDate(last);
  const endText = end.toFormat('d MMM yyyy');
  if (start.hasSame(end, 'day')) return endText;
  if (start.year !== end.year) return `${start.toFormat('d MMM yyyy')} – ${endText}`;
  if (start.month !== end.month) return `${start.toFormat('d MMM')} – ${endText}`;
  return `${start.toFormat('d')}–${endText}`;
}

/** 'July 2026' from a month ('YYYY-MM'). */
export function formatMonth(month: string): string {
  return calendarDate(`${month}-01`).toFormat('MMMM yyyy');
}
