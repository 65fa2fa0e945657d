import { DateTime } from 'luxon';
import { addDays, localDate, parseLocalDate } from '../coaching/schedule.js';

/** A year and a day, so "from Christmas to the next Christmas" still fits. */
const MAX_OUT_OF_OFFICE_DAYS = 366;

export type OutOfOfficeValidation =
  | { ok: true; firstDay: string; lastDay: string }
  | { ok: false; field: 'firstDay' | 'lastDay'; message: string };

/**
 * "Today" at the place on Earth where the date changes last (UTC−12). A range that ended before this
 * date is over for everyone, whatever their zone, so the roster needs no time zone to tell past from
 * current ranges.
 */
export function earliestToday(now: Date): string {
  return localDate(now, 'Etc/GMT+12');
}

/**
 * 'Sun 20 Dec 2026', as every Slack surface shows a date (src/slack/views/dates.ts formatDate; the
 * domain does not import from the Slack side). `iso` is a date parseLocalDate accepted.
 */
function readableDate(iso: string): string {
  return DateTime.fromISO(iso, { zone: 'utc', locale: 'en-GB' }).toFormat('ccc d MMM yyyy');
}

/** One validator for `/coach ooo` and the App Home modal. A missing last day means a single day off. */
export function validateOutOfOfficeRange(
  firstText: string,
  lastText: string | undefined,
  now: Date,
): OutOfOfficeValidation {
  const firstDay = parseLocalDate(firstText);
  if (firstDay === undefined) {
    return { ok: false, field: 'firstDay', message: `\`${firstText}\` is not a date: use YYYY-MM-DD.` };
  }
  const lastDay = lastText === undefined ? firstDay : parseLocalDate(lastText);
  if (lastDay === undefined) {
    return { ok: false, field: 'lastDay', message: `\`${lastText}\` is not a date: use YYYY-MM-DD.` };
  }
  if (lastDay < firstDay) {
    return {
      ok: false,
      field: 'lastDay',
      message: `The last day (${readableDate(lastDay)}) is before the first (${readableDate(firstDay)}).`,
    };
  }
  if (lastDay >= addDays(firstDay, MAX_OUT_OF_OFFICE_DAYS)) {
    return {
      ok: false,
      field: 'lastDay',
      message: `That is longer than a year: out-of-office ranges can cover at most ${MAX_OUT_OF_OFFICE_DAYS} days. Pause instead for longer absences.`,
    };
  }
  if (lastDay < earliestToday(now)) {
    return {
      ok: false,
      field: 'lastDay',
      message: `That range is already over (it ended ${readableDate(lastDay)}).`,
    };
  }
  return { ok: true, firstDay, lastDay };
}
