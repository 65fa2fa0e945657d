import { describe, expect, it } from 'vitest';
import { earliestToday, validateOutOfOfficeRange } from '../../src/domain/roster/out-of-office.js';
import {
  formatWorkdays,
  parseWorkdays,
  validateTeamSettings,
} from '../../src/domain/roster/team-settings.js';
import { formatDate } from '../../src/slack/views/dates.js';

describe('parseWorkdays', () => {
  it.each([
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['Mon,Tue,Thu', [1, 2, 4]],
    ['monday - wednesday, friday', [1, 2, 3, 5]],
    ['sun-thu', [1, 2, 3, 4, 7]],
    ['tues,thurs', [2, 4]],
    ['sat', [6]],
  ])('reads %j', (text, days) => {
    expect(parseWorkdays(text)).toEqual(days);
  });

  it.each(['', 'weekdays', 'mo-fr', 'mon-fri-sat', 'mon,,fri', '1-5', 'monkey'])('refuses %j', (text) => {
    expect(parseWorkdays(text)).toBeUndefined();
  });
});

describe('formatWorkdays', () => {
  it.each([
    [[1, 2, 3, 4, 5], 'Mon–Fri'],
    [[1, 2, 4], 'Mon, Tue, Thu'],
    [[6, 7], 'Sat, Sun'],
    [[7, 1, 2, 3, 4], 'Sun–Thu'],
    [[1, 2, 3, 5, 6], 'Mon–Wed, Fri, Sat'],
    [[1, 2, 3, 4, 5, 6, 7], 'every day'],
    [[], 'no days'],
  ])('writes %j as %s', (days, text) => {
    expect(formatWorkdays(days)).toBe(text);
  });
});

describe('validateTeamSettings', () => {
  it('turns typed values into column values', () => {
    expect(
      validateTeamSettings({
        promptTime: '9am',
        workdays: [5, 1, 1],
        holidayCountry: 'de-by',
        timeZone: 'america/new_york',
        standingsChannelId: null,
        reminderDelayMinutes: 120,
      }),
    ).toEqual({
      ok: true,
      changes: {
        prompt_time: '09:00',
        workdays: [1, 5],
        holiday_country: 'DE-BY',
        timezone: 'America/New_York',
        standings_channel_id: null,
        reminder_delay_minutes: 120,
      },
    });
  });

  it('reports every bad field at once, keyed by field', () => {
    const result = validateTeamSettings({
      promptTime: 'noon-ish',
      workdays: [],
      holidayCountry: 'Atlantis',
      timeZone: 'Europe/Atlantis',
      reminderDelayMinutes: '5',
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual([
      'holidayCountry',
      'promptTime',
      'reminderDelayMinutes',
      'timeZone',
      'workdays',
    ]);
    expect(!result.ok && result.errors.workdays).toBe('Pick at least one workday.');
  });

  it.each(['1.5', '-30', '481', 'ten'])('refuses a reminder delay of %j minutes', (minutes) => {
    expect(validateTeamSettings({ reminderDelayMinutes: minutes }).ok).toBe(false);
  });
});

describe('validateTeamSettings: the weekly standings', () => {
  it('reads the day, time, metric and currency as typed or picked', () => {
    expect(
      validateTeamSettings({
        standingsWeekday: 'Fri',
        standingsTime: '4:30pm',
        standingsMetric: 'Deals',
        reportingCurrency: 'eur',
      }),
    ).toEqual({
      ok: true,
      changes: {
        standings_weekday: 5,
        standings_time: '16:30',
        standings_metric: 'deals',
        reporting_currency: 'EUR',
      },
    });
    expect(validateTeamSettings({ standingsWeekday: '7', reportingCurrency: 'none' })).toEqual({
      ok: true,
      changes: { standings_weekday: 7, reporting_currency: null },
    });
  });

  it('refuses what is not a day, a time, a metric or a currency, field by field', () => {
    const result = validateTeamSettings({
      standingsWeekday: 'someday',
      standingsTime: '25:00',
      standingsMetric: 'calls',
      reportingCurrency: 'EUT',
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        standingsWeekday: '`someday` is not a day of the week: use monday … sunday.',
        standingsTime: '`25:00` is not a time of day: use 09:00 or 9am.',
        standingsMetric: '`calls` is not a standings metric: use revenue or deals.',
        reportingCurrency:
          '`EUT` is not a currency code: use three letters such as USD, EUR or GBP, or none.',
      },
    });
  });
});

describe('validateOutOfOfficeRange', () => {
  const now = new Date('2026-11-23T10:00:00Z');

  it('takes a single day when no last day is given', () => {
    expect(validateOutOfOfficeRange('2026-12-24', undefined, now)).toEqual({
      ok: true,
      firstDay: '2026-12-24',
      lastDay: '2026-12-24',
    });
  });

  it('accepts a range of exactly 366 days and refuses one day more', () => {
    expect(validateOutOfOfficeRange('2026-12-24', '2027-12-24', now).ok).toBe(true);
    expect(validateOutOfOfficeRange('2026-12-24', '2027-12-25', now)).toMatchObject({
      ok: false,
      field: 'lastDay',
    });
  });

  it('keys a bad first day to the first field and a bad last day to the last', () => {
    expect(validateOutOfOfficeRange('2026-02-30', undefined, now)).toMatchObject({
      ok: false,
      field: 'firstDay',
    });
    expect(validateOutOfOfficeRange('2026-12-24', '2026-12-23', now)).toMatchObject({
      ok: false,
      field: 'lastDay',
    });
  });

  it('names dates in its messages as every Slack surface does, not as ISO dates', () => {
    expect(validateOutOfOfficeRange('2026-12-24', '2026-12-20', now)).toMatchObject({
      message: `The last day (${formatDate('2026-12-20')}) is before the first (${formatDate('2026-12-24')}).`,
    });
    expect(validateOutOfOfficeRange('2026-12-24', '2026-12-20', now)).toMatchObject({
      message: 'The last day (Sun 20 Dec 2026) is before the first (Thu 24 Dec 2026).',
    });
    expect(validateOutOfOfficeRange('2026-11-01', '2026-11-10', now)).toMatchObject({
      message: 'That range is already over (it ended Tue 10 Nov 2026).',
    });
  });

  it('counts a range as over only once it has ended everywhere on Earth', () => {
    // 10:00 UTC on the 23rd is still the 22nd at UTC−12.
    expect(earliestToday(now)).toBe('2026-11-22');
    expect(validateOutOfOfficeRange('2026-11-20', '2026-11-22', now).ok).toBe(true);
    expect(validateOutOfOfficeRange('2026-11-20', '2026-11-21', now).ok).toBe(false);
  });
});
