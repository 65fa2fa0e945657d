import { DateTime } from 'luxon';
import type { PeriodResult } from './agenda.js';

export type ReportingPeriod = Pick<PeriodResult, 'period' | 'from' | 'to'>;

/**
 * The status report's periods for a review held on `today` (a local 'YYYY-MM-DD'), inclusive:
 * the year so far, and the last *full* calendar quarter and month, so a review early in a month
 * compares whole months rather than a few days.
 */
export function reportingPeriods(today: string): ReportingPeriod[] {
  const day = DateTime.fromISO(today, { zone: 'utc' });
  if (!day.isValid) throw new RangeError(`Not a date: ${today}`);
  const quarterStart = day.startOf('quarter');
  const monthStart = day.startOf('month');
  const date = (value: DateTime) => value.toISODate() as string;
  return [
    { period: 'year_to_date', from: date(day.startOf('year')), to: today },
    {
      period: 'last_quarter',
      from: date(quarterStart.minus({ quarters: 1 })),
      to: date(quarterStart.minus({ days: 1 })),
    },
    {
      period: 'last_month',
      from: date(monthStart.minus({ months: 1 })),
      to: date(monthStart.minus({ days: 1 })),
    },
  ];
}
