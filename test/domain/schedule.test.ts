import { describe, expect, it } from 'vitest';
import {
  addDays,
  atLocalTime,
  formatTimeOfDay,
  isKnownHolidayCountry,
  isValidTimeZone,
  isWorkday,
  localDate,
  localTimeOfDay,
  parseLocalDate,
  parseTimeOfDay,
  previousWorkday,
  publicHoliday,
  type WorkSchedule,
  weekday,
} from '../../src/domain/coaching/schedule.js';

const iso = (date: Date) => date.toISOString();
const usWeek: WorkSchedule = { workdays: [1, 2, 3, 4, 5], holidayCountry: 'US' };

describe('atLocalTime in America/New_York', () => {
  const zone = 'America/New_York';

  it('resolves an ordinary time on the spring-forward and fall-back days', () => {
    expect(iso(atLocalTime('2026-03-07', '09:00', zone))).toBe('2026-03-07T14:00:00.000Z');
    expect(iso(atLocalTime('2026-03-08', '09:00', zone))).toBe('2026-03-08T13:00:00.000Z');
    expect(iso(atLocalTime('2026-11-01', '09:00', zone))).toBe('2026-11-01T14:00:00.000Z');
    expect(iso(atLocalTime('2026-11-01', '09:00:00', zone))).toBe('2026-11-01T14:00:00.000Z');
  });

  it('moves a time inside the spring-forward gap forward by the gap', () => {
    const instant = atLocalTime('2026-03-08', '02:30', zone);
    expect(iso(instant)).toBe('2026-03-08T07:30:00.000Z');
    expect(localTimeOfDay(instant, zone)).toBe('03:30');
    expect(iso(atLocalTime('2026-03-08', '02:00', zone))).toBe('2026-03-08T07:00:00.000Z');
  });

  it('takes the earlier instant of an ambiguous fall-back time', () => {
    const instant = atLocalTime('2026-11-01', '01:30', zone);
    expect(iso(instant)).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not 01:30 EST
    expect(localTimeOfDay(instant, zone)).toBe('01:30');
    expect(localTimeOfDay(new Date(instant.getTime() + 3_600_000), zone)).toBe('01:30');
  });

  it('applies the same rules in other zones, whose DST differs', () => {
    // Europe/London falls back at 02:00 BST → 01:00 GMT; luxon on its own picks the later instant here.
    expect(iso(atLocalTime('2026-10-25', '01:30', 'Europe/London'))).toBe('2026-10-25T00:30:00.000Z');
    expect(iso(atLocalTime('2026-03-29', '01:30', 'Europe/London'))).toBe('2026-03-29T01:30:00.000Z');
    // Lord Howe Island shifts by half an hour.
    expect(
      localTimeOfDay(atLocalTime('2026-10-04', '02:15', 'Australia/Lord_Howe'), 'Australia/Lord_Howe'),
    ).toBe('02:45');
  });

  it('rejects an unknown zone or a malformed date or time', () => {
    expect(() => atLocalTime('2026-03-08', '09:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => atLocalTime('2026-02-30', '09:00', zone)).toThrow(RangeError);
    expect(() => atLocalTime('2026-03-08', '24:00', zone)).toThrow(RangeError);
  });
});

describe('zones with unusual offsets', () => {
  it('Asia/Kathmandu is +05:45', () => {
    expect(iso(atLocalTime('2026-06-01', '09:00', 'Asia/Kathmandu'))).toBe('2026-06-01T03:15:00.000Z');
    expect(localDate(new Date('2026-06-01T18:14:59Z'), 'Asia/Kathmandu')).toBe('2026-06-01');
    expect(localDate(new Date('2026-06-01T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-06-02');
    expect(localTimeOfDay(new Date('2026-06-01T18:15:00Z'), 'Asia/Kathmandu')).toBe('00:00');
  });

  it('Pacific/Chatham is +12:45 in winter and +13:45 in summer', () => {
    expect(iso(atLocalTime('2026-07-01', '09:00', 'Pacific/Chatham'))).toBe('2026-06-30T20:15:00.000Z');
    expect(iso(atLocalTime('2026-01-15', '09:00', 'Pacific/Chatham'))).toBe('2026-01-14T19:15:00.000Z');
    expect(localDate(new Date('2026-07-01T11:14:00Z'), 'Pacific/Chatham')).toBe('2026-07-01');
    expect(localDate(new Date('2026-07-01T11:15:00Z'), 'Pacific/Chatham')).toBe('2026-07-02');
    expect(localDate(new Date('2026-01-15T10:15:00Z'), 'Pacific/Chatham')).toBe('2026-01-16');
    // Spring forward 2026-09-27 02:45 → 03:45; fall back 2026-04-05 03:45 → 02:45.
    expect(localTimeOfDay(atLocalTime('2026-09-27', '03:00', 'Pacific/Chatham'), 'Pacific/Chatham')).toBe(
      '04:00',
    );
    expect(iso(atLocalTime('2026-04-05', '03:00', 'Pacific/Chatham'))).toBe('2026-04-04T13:15:00.000Z');
  });

  it('Pacific/Kiritimati (+14) is a calendar day ahead of UTC for most of the day', () => {
    const instant = new Date('2026-03-09T10:30:00Z');
    expect(localDate(instant, 'Pacific/Kiritimati')).toBe('2026-03-10');
    expect(localTimeOfDay(instant, 'Pacific/Kiritimati')).toBe('00:30');
    expect(localDate(new Date('2026-03-09T09:59:00Z'), 'Pacific/Kiritimati')).toBe('2026-03-09');
    expect(iso(atLocalTime('2026-03-10', '09:00', 'Pacific/Kiritimati'))).toBe('2026-03-09T19:00:00.000Z');
  });

  it('localDate across midnight in New York, including the DST days', () => {
    expect(localDate(new Date('2026-03-09T03:59:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(new Date('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-03-09');
    expect(localDate(new Date('2026-11-02T04:59:00Z'), 'America/New_York')).toBe('2026-11-01');
    expect(localDate(new Date('2026-11-02T05:00:00Z'), 'America/New_York')).toBe('2026-11-02');
  });

  it('localDate rejects an unknown zone', () => {
    expect(() => localDate(new Date(), 'Not/AZone')).toThrow(RangeError);
  });
});

describe('calendar arithmetic', () => {
  it('weekday is ISO (Monday 1 … Sunday 7)', () => {
    expect(weekday('2026-11-23')).toBe(1);
    expect(weekday('2026-11-27')).toBe(5);
    expect(weekday('2026-11-29')).toBe(7);
    expect(weekday('2024-02-29')).toBe(4);
  });

  it('addDays crosses months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDays('2026-01-10', -14)).toBe('2025-12-27');
    expect(addDays('2026-01-10', 0)).toBe('2026-01-10');
  });

  it('rejects dates that are not real', () => {
    expect(() => weekday('2026-02-30')).toThrow(RangeError);
    expect(() => addDays('2026-1-1', 1)).toThrow(RangeError);
  });
});

describe('public holidays and workdays', () => {
  it('names public holidays only', () => {
    expect(publicHoliday('2026-12-25', 'US')).toBe('Christmas Day');
    expect(publicHoliday('2026-11-26', 'US')).toBe('Thanksgiving Day');
    expect(publicHoliday('2026-07-03', 'US')).toBe('Independence Day (substitute day)');
    // date-holidays lists these, but as an observance and as optional.
    expect(publicHoliday('2026-11-27', 'US')).toBeUndefined();
    expect(publicHoliday('2026-12-24', 'US')).toBeUndefined();
    expect(publicHoliday('2026-11-25', 'US')).toBeUndefined();
    expect(publicHoliday('2026-12-25', null)).toBeUndefined();
  });

  it('knows subdivisions and multi-day holidays, and skips afternoon-only ones', () => {
    expect(publicHoliday('2026-01-06', 'DE-BY')).toBe('Epiphany');
    expect(publicHoliday('2026-01-06', 'DE')).toBeUndefined();
    expect(publicHoliday('2026-02-17', 'CN')).toBe('Spring Festival');
    // Eid al-Fitr lasts three days in Egypt; date-holidays gives it as one entry.
    expect(publicHoliday('2026-03-20', 'EG')).toBeDefined();
    expect(publicHoliday('2026-03-22', 'EG')).toBeDefined();
    expect(publicHoliday('2026-03-23', 'EG')).toBeUndefined();
    // A half-day from noon (and only for women): a workday.
    expect(publicHoliday('2026-03-08', 'CN')).toBeUndefined();
  });

  it('treats an unknown country as one without holidays', () => {
    expect(publicHoliday('2026-12-25', 'XX')).toBeUndefined();
    expect(isWorkday('2026-12-25', { workdays: [5], holidayCountry: 'XX' })).toBe(true);
  });

  it('isWorkday combines weekdays and public holidays', () => {
    expect(isWorkday('2026-11-25', usWeek)).toBe(true);
    expect(isWorkday('2026-11-26', usWeek)).toBe(false);
    expect(isWorkday('2026-11-27', usWeek)).toBe(true);
    expect(isWorkday('2026-11-28', usWeek)).toBe(false);
    expect(isWorkday('2026-11-26', { workdays: usWeek.workdays, holidayCountry: null })).toBe(true);
  });

  it('previousWorkday skips weekends and holidays', () => {
    expect(previousWorkday('2026-11-23', usWeek)).toBe('2026-11-20'); // Monday → Friday
    expect(previousWorkday('2026-11-27', usWeek)).toBe('2026-11-25'); // after Thanksgiving
    expect(previousWorkday('2026-11-25', usWeek)).toBe('2026-11-24');
    expect(previousWorkday('2026-01-02', usWeek)).toBe('2025-12-31'); // across the year, past New Year's Day
    expect(previousWorkday('2026-12-28', usWeek)).toBe('2026-12-24'); // Monday, Christmas on the Friday
  });

  it('previousWorkday follows custom workdays (Sunday to Thursday)', () => {
    const sundayToThursday: WorkSchedule = { workdays: [7, 1, 2, 3, 4], holidayCountry: null };
    expect(previousWorkday('2026-11-22', sundayToThursday)).toBe('2026-11-19'); // Sunday → Thursday
    expect(previousWorkday('2026-11-23', sundayToThursday)).toBe('2026-11-22'); // Monday → Sunday
    expect(isWorkday('2026-11-27', sundayToThursday)).toBe(false);
  });

  it('previousWorkday falls back to the day before when no workday is within two weeks', () => {
    expect(previousWorkday('2026-11-23', { workdays: [], holidayCountry: 'US' })).toBe('2026-11-22');
  });

  it('is cheap on repeated calls', () => {
    const dates = Array.from({ length: 30 }, (_, i) => addDays('2026-11-10', i));
    for (const date of dates) isWorkday(date, usWeek);
    const started = performance.now();
    let workdays = 0;
    for (let i = 0; i < 100_000; i++) if (isWorkday(dates[i % dates.length]!, usWeek)) workdays++;
    const elapsed = performance.now() - started;
    expect(workdays).toBeGreaterThan(0);
    // The budget is 200 ms; the margin absorbs a busy CI machine.
    expect(elapsed).toBeLessThan(1_000);
  });
});

describe('validation', () => {
  it('time zones', () => {
    expect(isValidTimeZone('America/New_York')).toBe(true);
    expect(isValidTimeZone('Asia/Kathmandu')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+05:00')).toBe(false);
    // Answers are remembered per name (luxon's check costs native memory each time): asked again, the same.
    for (let round = 0; round < 2; round += 1) {
      expect(isValidTimeZone('Asia/Kathmandu')).toBe(true);
      expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
      expect(isValidTimeZone(' ')).toBe(false);
    }
  });

  it('holiday countries', () => {
    expect(isKnownHolidayCountry('US')).toBe(true);
    expect(isKnownHolidayCountry('de')).toBe(true);
    expect(isKnownHolidayCountry('DE-BY')).toBe(true);
    expect(isKnownHolidayCountry('DE-XX')).toBe(false);
    expect(isKnownHolidayCountry('XX')).toBe(false);
    expect(isKnownHolidayCountry('USA')).toBe(false);
    expect(isKnownHolidayCountry('')).toBe(false);
  });
});

describe('parsing what people type', () => {
  it.each([
    ['9', '09:00'],
    ['09', '09:00'],
    ['9:30', '09:30'],
    ['09:30', '09:30'],
    ['9am', '09:00'],
    ['9 AM', '09:00'],
    ['9:30 am', '09:30'],
    ['2:15pm', '14:15'],
    ['14:15', '14:15'],
    ['12am', '00:00'],
    ['12pm', '12:00'],
    ['12:30am', '00:30'],
    ['0:05', '00:05'],
    ['23:59', '23:59'],
    ['  9:30  ', '09:30'],
    ['09:30:00', '09:30'],
    ['9 a.m.', '09:00'],
    ['9.30', '09:30'],
  ])('parseTimeOfDay(%j) → %s', (text, expected) => {
    expect(parseTimeOfDay(text)).toBe(expected);
  });

  it.each(['25:00', '24:00', '9:60', 'abc', '', '13pm', '0am', '9:5', '-1', '9:30:61'])(
    'parseTimeOfDay(%j) → undefined',
    (text) => {
      expect(parseTimeOfDay(text)).toBeUndefined();
    },
  );

  it('parseLocalDate accepts real calendar dates in strict YYYY-MM-DD only', () => {
    expect(parseLocalDate('2026-11-27')).toBe('2026-11-27');
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    expect(parseLocalDate('2026-02-30')).toBeUndefined();
    expect(parseLocalDate('2026-02-29')).toBeUndefined();
    expect(parseLocalDate('2026-13-01')).toBeUndefined();
    expect(parseLocalDate('2026-00-10')).toBeUndefined();
    expect(parseLocalDate('2026-1-5')).toBeUndefined();
    expect(parseLocalDate('2026/11/27')).toBeUndefined();
    expect(parseLocalDate('2026-11-27T00:00')).toBeUndefined();
    expect(parseLocalDate('')).toBeUndefined();
  });

  it('formatTimeOfDay drops seconds', () => {
    expect(formatTimeOfDay('09:00:00')).toBe('09:00');
    expect(formatTimeOfDay('14:15')).toBe('14:15');
    expect(() => formatTimeOfDay('nine')).toThrow(RangeError);
  });
});
