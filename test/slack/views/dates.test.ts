import { describe, expect, it } from 'vitest';
import {
  calendarDate,
  formatDate,
  formatDateRange,
  formatMonth,
  formatWeekday,
} from '../../../src/slack/views/dates.js';

describe('calendar dates', () => {
  it('name one day with its weekday and year', () => {
    expect(formatDate('2026-12-04')).toBe('Fri 4 Dec 2026');
    expect(formatDate('2027-01-08')).toBe('Fri 8 Jan 2027');
    expect(formatDate('2026-09-30')).toBe('Wed 30 Sept 2026');
  });

  it('name a day of the coming or past week by its weekday alone', () => {
    expect(formatWeekday('2026-12-04')).toBe('Friday');
  });

  it.each([
    ['2026-11-16', '2026-11-22', '16–22 Nov 2026'],
    ['2026-11-30', '2026-12-06', '30 Nov – 6 Dec 2026'],
    ['2026-12-28', '2027-01-03', '28 Dec 2026 – 3 Jan 2027'],
    ['2026-01-01', '2026-11-23', '1 Jan – 23 Nov 2026'],
    ['2027-01-01', '2027-01-01', '1 Jan 2027'],
  ])('name the span from %s to %s as %j', (first, last, expected) => {
    expect(formatDateRange(first, last)).toBe(expected);
  });

  it('name a month in full with its year', () => {
    expect(formatMonth('2026-07')).toBe('July 2026');
  });

  it('refuse what is not a calendar date rather than show it', () => {
    expect(() => formatDate('2026-02-30')).toThrow(RangeError);
    expect(() => calendarDate('soon')).toThrow(RangeError);
  });
});
