import type { StandingsMetric } from '../../db/schema.js';
import { isKnownHolidayCountry, isValidTimeZone, parseTimeOfDay } from '../coaching/schedule.js';

/** What an admin can change about a team, as typed or picked in Slack (unvalidated). */
export interface TeamSettingsInput {
  promptTime?: string;
  /** 'mon-fri', 'mon,tue,thu', or ISO weekday numbers already picked from checkboxes. */
  workdays?: string | readonly number[];
  /** A country code such as 'US' or 'DE-BY'; 'none' or '' for no public holidays. */
  holidayCountry?: string;
  /** An IANA zone; 'none' or '' for each rep's own zone from Slack. */
  timeZone?: string;
  standingsChannelId?: string | null;
  reminderDelayMinutes?: string | number;
  /** The day of the weekly standings post: a day name ('monday', 'mon') or an ISO weekday number. */
  standingsWeekday?: string | number;
  /** Local time of the weekly post. */
  standingsTime?: string;
  /** 'revenue' or 'deals'. */
  standingsMetric?: string;
  /** An ISO 4217 code; 'none' or '' for the bot's DEFAULT_CURRENCY. */
  reportingCurrency?: string;
}

export type TeamSettingField = keyof TeamSettingsInput;

/** Validated changes, ready for the teams row. */
export interface TeamSettingsChanges {
  prompt_time?: string;
  workdays?: number[];
  holiday_country?: string | null;
  timezone?: string | null;
  standings_channel_id?: string | null;
  reminder_delay_minutes?: number;
  standings_weekday?: number;
  standings_time?: string;
  standings_metric?: StandingsMetric;
  reporting_currency?: string | null;
}

export type TeamSettingsValidation =
  | { ok: true; changes: TeamSettingsChanges }
  | { ok: false; errors: Partial<Record<TeamSettingField, string>> };

/** Fewer minutes would nag before a rep has read the prompt; more would land in the afternoon. */
export const REMINDER_DELAY_RANGE = { min: 15, max: 480 } as const;

const WEEKDAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** 'mon', 'tues', 'thursday' → ISO weekday; two letters are too ambiguous ('tu', 'th', 's…'). */
function weekdayNumber(word: string): number | undefined {
  if (word.length < 3) return undefined;
  const index = WEEKDAY_NAMES.findIndex((name) => name.startsWith(word));
  return index < 0 ? undefined : index + 1;
}

/**
 * Workdays typed as day names, ranges and lists: 'mon-fri', 'mon,tue,thu', 'sun-thu' (a range may
 * wrap past Sunday). ISO weekday numbers (1 = Monday), sorted; undefined when any part is not a day.
 */
export function parseWorkdays(text: string): number[] | undefined {
  const parts = text.toLowerCase().replace(/\s+/g, '').split(',');
  const days = new Set<number>();
  for (const part of parts) {
    const [from, to, extra] = part.split(/[-–]/);
    if (from === undefined || from === '' || extra !== undefined) return undefined;
    const first = weekdayNumber(from);
    if (first === undefined) return undefined;
    if (to === undefined) {
      days.add(first);
      continue;
    }
    const last = weekdayNumber(to);
    if (last === undefined) return undefined;
    for (let day = first; ; day = (day % 7) + 1) {
      days.add(day);
      if (day === last) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

const SHORT_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * Workdays as people write them: runs of three or more days as a range, read round the week so a
 * Sunday-to-Thursday team reads 'Sun–Thu'; 'Mon, Tue, Thu' otherwise.
 */
export function formatWorkdays(days: readonly number[]): string {
  const set = new Set(days.filter((day) => day >= 1 && day <= 7));
  if (set.size === 0) return 'no days';
  if (set.size === 7) return 'every day';
  const previous = (day: number) => ((day + 5) % 7) + 1;
  const next = (day: number) => (day % 7) + 1;
  // Start the week just after a day off, so no run is cut in two.
  let start = 1;
  while (!set.has(start) || set.has(previous(start))) start = next(start);
  const runs: number[][] = [];
  for (let offset = 0, day = start; offset < 7; offset++, day = next(day)) {
    if (!set.has(day)) continue;
    const last = runs.at(-1);
    if (last !== undefined && last.at(-1) === previous(day)) last.push(day);
    else runs.push([day]);
  }
  const name = (day: number) => SHORT_NAMES[day - 1]!;
  return runs
    .flatMap((run) => (run.length >= 3 ? [`${name(run[0]!)}–${name(run.at(-1)!)}`] : run.map(name)))
    .join(', ');
}

/** The zone's canonical spelling ('europe/paris' → 'Europe/Paris'), or undefined when it is not a zone. */
function canonicalTimeZone(text: string): string | undefined {
  const zone = text.trim();
  if (!isValidTimeZone(zone)) return undefined;
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

const STANDINGS_METRICS: readonly StandingsMetric[] = ['revenue', 'deals'];

/** The ISO weekday of a day typed or picked: 'monday', 'Mon', or '1' … '7'. */
function standingsWeekday(value: string | number): number | undefined {
  const text = String(value).trim().toLowerCase();
  if (/^[1-7]$/.test(text)) return Number(text);
  return weekdayNumber(text);
}

/** Currencies this Node knows (ISO 4217), so a typo such as 'EUT' is refused instead of stored. */
function isKnownCurrency(code: string): boolean {
  return Intl.supportedValuesOf('currency').includes(code);
}

/** "Monday" for ISO weekday 1. */
export function weekdayName(day: number): string {
  const name = WEEKDAY_NAMES[day - 1] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** What people type to clear a setting. */
const NO_VALUE = new Set(['', 'none']);

/** One validator for both `/coach team …` and the App Home team modal, so both accept the same values. */
export function validateTeamSettings(input: TeamSettingsInput): TeamSettingsValidation {
  const changes: TeamSettingsChanges = {};
  const errors: Partial<Record<TeamSettingField, string>> = {};

  if (input.promptTime !== undefined) {
    const time = parseTimeOfDay(input.promptTime);
    if (time === undefined)
      errors.promptTime = `\`${input.promptTime}\` is not a time of day: use 09:00 or 9am.`;
    else changes.prompt_time = time;
  }

  if (input.workdays !== undefined) {
    const days =
      typeof input.workdays === 'string'
        ? parseWorkdays(input.workdays)
        : [...new Set(input.workdays)].sort((a, b) => a - b);
    if (days === undefined || days.some((day) => !Number.isInteger(day) || day < 1 || day > 7)) {
      errors.workdays = `\`${String(input.workdays)}\` are not workdays: use mon-fri or mon,tue,thu.`;
    } else if (days.length === 0) {
      errors.workdays = 'Pick at least one workday.';
    } else {
      changes.workdays = days;
    }
  }

  if (input.holidayCountry !== undefined) {
    const code = input.holidayCountry.trim().toUpperCase();
    if (NO_VALUE.has(code.toLowerCase())) changes.holiday_country = null;
    else if (isKnownHolidayCountry(code)) changes.holiday_country = code;
    else {
      errors.holidayCountry =
        `\`${input.holidayCountry}\` is not a country I know public holidays for: use a two-letter ` +
        'code such as US, GB or FR (DE-BY for a region), or none.';
    }
  }

  if (input.timeZone !== undefined) {
    const zone = NO_VALUE.has(input.timeZone.trim().toLowerCase()) ? null : canonicalTimeZone(input.timeZone);
    if (zone === undefined) {
      errors.timeZone = `\`${input.timeZone}\` is not a time zone: use a name such as Europe/Paris or America/New_York.`;
    } else changes.timezone = zone;
  }

  if (input.standingsChannelId !== undefined) changes.standings_channel_id = input.standingsChannelId;

  if (input.reminderDelayMinutes !== undefined) {
    const text = String(input.reminderDelayMinutes).trim();
    const minutes = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(minutes >= REMINDER_DELAY_RANGE.min && minutes <= REMINDER_DELAY_RANGE.max)) {
      errors.reminderDelayMinutes = `The reminder delay must be a whole number of minutes from ${REMINDER_DELAY_RANGE.min} to ${REMINDER_DELAY_RANGE.max}.`;
    } else changes.reminder_delay_minutes = minutes;
  }

  if (input.standingsWeekday !== undefined) {
    const day = standingsWeekday(input.standingsWeekday);
    if (day === undefined)
      errors.standingsWeekday = `\`${input.standingsWeekday}\` is not a day of the week: use monday … sunday.`;
    else changes.standings_weekday = day;
  }

  if (input.standingsTime !== undefined) {
    const time = parseTimeOfDay(input.standingsTime);
    if (time === undefined)
      errors.standingsTime = `\`${input.standingsTime}\` is not a time of day: use 09:00 or 9am.`;
    else changes.standings_time = time;
  }

  if (input.standingsMetric !== undefined) {
    const metric = input.standingsMetric.trim().toLowerCase();
    if (STANDINGS_METRICS.includes(metric as StandingsMetric))
      changes.standings_metric = metric as StandingsMetric;
    else
      errors.standingsMetric = `\`${input.standingsMetric}\` is not a standings metric: use revenue or deals.`;
  }

  if (input.reportingCurrency !== undefined) {
    const code = input.reportingCurrency.trim().toUpperCase();
    if (NO_VALUE.has(code.toLowerCase())) changes.reporting_currency = null;
    else if (/^[A-Z]{3}$/.test(code) && isKnownCurrency(code)) changes.reporting_currency = code;
    else {
      errors.reportingCurrency = `\`${input.reportingCurrency}\` is not a currency code: use three letters such as USD, EUR or GBP, or none.`;
    }
  }

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, changes };
}
