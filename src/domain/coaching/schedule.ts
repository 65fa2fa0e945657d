import Holidays from 'date-holidays';
import { IANAZone } from 'luxon';

/** A rep without a team (or prompt time of their own) is prompted at the teams table's default time. */
export const DEFAULT_PROMPT_TIME = '09:00';

/** The workdays of a rep without a team: Monday to Friday. */
export const DEFAULT_WORKDAYS: readonly number[] = [1, 2, 3, 4, 5];

/** Which local dates a rep is expected to work: ISO weekdays (1 = Monday … 7 = Sunday) minus public holidays. */
export interface WorkSchedule {
  workdays: readonly number[];
  /** ISO 3166-1 alpha-2 ('US'), optionally with a subdivision ('DE-BY'); null means no holidays. */
  holidayCountry: string | null;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

function pad2(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

// ---------------------------------------------------------------------------------------------------
// Calendar dates. They have no zone, so plain proleptic-Gregorian arithmetic on day numbers is exact;
// it is done without Date or luxon objects because the per-minute tick runs it for every rep.

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

function splitDate(date: string): CalendarDate | undefined {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return undefined;
  const year = digitsAt(date, 0, 4);
  const month = digitsAt(date, 5, 2);
  const day = digitsAt(date, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return undefined;
  const monthLength = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
  return day <= monthLength ? { year, month, day } : undefined;
}

function requireDate(date: string): CalendarDate {
  const parts = splitDate(date);
  if (!parts) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${date}`);
  return parts;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
function dayNumber({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of dayNumber (civil_from_days). */
function dateOfDayNumber(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 0 || year > 9999) throw new RangeError(`Date out of range: year ${year}`);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

function isoWeekday(days: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

export function weekday(date: string): number {
  return isoWeekday(dayNumber(requireDate(date)));
}

export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return dateOfDayNumber(dayNumber(requireDate(date)) + days);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayNumber(requireDate(to)) - dayNumber(requireDate(from));
}

export function parseLocalDate(text: string): string | undefined {
  const trimmed = text.trim();
  return splitDate(trimmed) ? trimmed : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Time zones

const ZONE_VALIDITY_CACHE_LIMIT = 1_000;
/**
 * luxon checks a zone by building an Intl.DateTimeFormat for it, every time. Each one holds ICU memory
 * outside the JavaScript heap that the garbage collector does not see: the tick checks every rep's
 * zone, and 10,000 checks took about 280 MB of resident memory. The few zone names in use are checked
 * once; the cache is emptied when full, so odd names typed into settings cannot grow it.
 */
const zoneValidity = new Map<string, boolean>();

export function isValidTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    if (zoneValidity.size >= ZONE_VALIDITY_CACHE_LIMIT) zoneValidity.clear();
    valid = zone.trim() !== '' && IANAZone.isValidZone(zone);
    zoneValidity.set(zone, valid);
  }
  return valid;
}

/**
 * The zone a person's local dates are counted in: the first of theirs the tz database knows (their
 * Slack profile's, then their team's), else the bot's default.
 */
export function preferredZone(fallback: string, ...candidates: Array<string | null | undefined>): string {
  return candidates.find((zone): zone is string => !!zone && isValidTimeZone(zone)) ?? fallback;
}

function zoneOf(zone: string): IANAZone {
  const found = IANAZone.create(zone);
  if (!found.isValid) throw new RangeError(`Unknown time zone: ${zone}`);
  return found;
}

const OFFSET_CACHE_LIMIT = 50_000;
/**
 * luxon asks Intl for every offset (about 10 µs each). A tick evaluates thousands of reps at the same
 * instant and the same few prompt times, so the answers repeat; the cache is simply emptied when full.
 */
const offsetCache = new Map<string, number>();

/** Minutes east of UTC in `zone` at `instant`, from the tz database through luxon. */
function offsetAt(zone: IANAZone, instant: number): number {
  const key = `${zone.name}@${instant}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
    offset = zone.offset(instant);
    offsetCache.set(key, offset);
  }
  return offset;
}

/** The instant's wall-clock reading in `zone`, as milliseconds of a UTC timeline. */
function wallClockMs(instant: Date, zone: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('Invalid Date');
  return ms + offsetAt(zoneOf(zone), ms) * MINUTE_MS;
}

export function localDate(instant: Date, zone: string): string {
  return dateOfDayNumber(Math.floor(wallClockMs(instant, zone) / DAY_MS));
}

export function localTimeOfDay(instant: Date, zone: string): string {
  const wallClock = wallClockMs(instant, zone);
  const minuteOfDay = Math.floor((wallClock - Math.floor(wallClock / DAY_MS) * DAY_MS) / MINUTE_MS);
  return `${pad2(Math.floor(minuteOfDay / 60))}:${pad2(minuteOfDay % 60)}`;
}

// ---------------------------------------------------------------------------------------------------
// Public holidays

interface HolidayCalendar {
  source: Holidays;
  /** Per year: local date → holiday name. Built once per (calendar, year), then only looked up. */
  years: Map<number, ReadonlyMap<string, string>>;
}

let knownCountries: ReadonlySet<string> | undefined;
/** Keyed by the code exactly as callers pass it, so the hot path never normalises a string. */
const calendars = new Map<string, HolidayCalendar | null>();

function countries(): ReadonlySet<string> {
  knownCountries ??= new Set(Object.keys(new Holidays().getCountries()));
  return knownCountries;
}

function splitCode(code: string): { country: string; state: string | undefined } | undefined {
  const match = /^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$/.exec(code.trim().toUpperCase());
  if (!match) return undefined;
  return { country: match[1]!, state: match[2] };
}

export function isKnownHolidayCountry(code: string): boolean {
  const parts = splitCode(code);
  if (!parts || !countries().has(parts.country)) return false;
  if (parts.state === undefined) return true;
  const states = new Holidays().getStates(parts.country, 'en') ?? {};
  return Object.keys(states).some((state) => state.toUpperCase() === parts.state);
}

function calendarFor(code: string): HolidayCalendar | null {
  const cached = calendars.get(code);
  if (cached !== undefined) return cached;
  let calendar: HolidayCalendar | null = null;
  if (isKnownHolidayCountry(code)) {
    const { country, state } = splitCode(code)!;
    // Names in English for the bot's messages; UTC so start/end carry no machine-local offset.
    const options = { languages: ['en'], timezone: 'UTC', types: ['public' as const] };
    const source = state ? new Holidays(country, state, options) : new Holidays(country, options);
    calendar = { source, years: new Map() };
  }
  calendars.set(code, calendar);
  return calendar;
}

/** Full-day holidays start at local midnight; the Islamic calendar's start the evening before ("… -0600"). */
const HOLIDAY_START = /^(\d{4}-\d{2}-\d{2}) 00:00(?::00)?(?: [+-]\d{4})?$/;

function publicHolidaysOf(calendar: HolidayCalendar, year: number): ReadonlyMap<string, string> {
  const cached = calendar.years.get(year);
  if (cached) return cached;
  const byDate = new Map<string, string>();
  // A multi-day holiday that starts late in December runs into the next year.
  for (const holiday of [...calendar.source.getHolidays(year - 1), ...calendar.source.getHolidays(year)]) {
    if (holiday.type !== 'public') continue;
    // Afternoon-only holidays (China's Women's Day, Iceland's Christmas Eve…) leave the morning a
    // workday, and some apply to a part of the population only: the rep is still expected at work.
    const start = HOLIDAY_START.exec(holiday.date);
    if (!start) continue;
    const days = Math.max(1, Math.ceil((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS));
    for (let offset = 0; offset < days; offset++) {
      const date = addDays(start[1]!, offset);
      if (date.startsWith(`${year}-`) && !byDate.has(date)) byDate.set(date, holiday.name);
    }
  }
  calendar.years.set(year, byDate);
  return byDate;
}

/**
 * The holiday's English name when `date` is a public holiday (date-holidays type 'public': not bank,
 * optional, school or observance) in `country`. An unknown code has no holidays rather than failing,
 * so one mistyped team setting cannot stop the tick for every other rep.
 */
export function publicHoliday(date: string, country: string | null): string | undefined {
  return holidayOn(date, requireDate(date).year, country);
}

function holidayOn(date: string, year: number, country: string | null): string | undefined {
  if (country === null) return undefined;
  const calendar = calendarFor(country);
  return calendar ? publicHolidaysOf(calendar, year).get(date) : undefined;
}

export function isWorkday(date: string, schedule: WorkSchedule): boolean {
  const parts = requireDate(date);
  return (
    schedule.workdays.includes(isoWeekday(dayNumber(parts))) &&
    holidayOn(date, parts.year, schedule.holidayCountry) === undefined
  );
}

const PREVIOUS_WORKDAY_LOOKBACK = 14;

/** The day "yesterday" means in the prompt: on a Monday the Friday, after a holiday the day before it. */
export function previousWorkday(date: string, schedule: WorkSchedule): string {
  for (let back = 1; back <= PREVIOUS_WORKDAY_LOOKBACK; back++) {
    const candidate = addDays(date, -back);
    if (isWorkday(candidate, schedule)) return candidate;
  }
  return addDays(date, -1);
}

/** The first workday after `date`: when a question left open today is asked again. */
export function nextWorkday(date: string, schedule: WorkSchedule): string {
  for (let ahead = 1; ahead <= PREVIOUS_WORKDAY_LOOKBACK; ahead++) {
    const candidate = addDays(date, ahead);
    if (isWorkday(candidate, schedule)) return candidate;
  }
  return addDays(date, 1);
}

/**
 * Whether `date` is the first workday of its month: a workday with no workday between the 1st and
 * it (so Monday 3 August 2026 is, the 1st being a Saturday).
 */
export function isFirstWorkdayOfMonth(date: string, schedule: WorkSchedule): boolean {
  if (!isWorkday(date, schedule)) return false;
  const { day } = requireDate(date);
  for (let back = 1; back < day; back++) {
    if (isWorkday(addDays(date, -back), schedule)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------
// Wall-clock times

const TIME_PATTERN = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function splitTime(time: string): { hour: number; minute: number; second: number } | undefined {
  const match = TIME_PATTERN.exec(time);
  if (!match) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const second = match[3] === undefined ? 0 : Number(match[3]);
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { hour, minute, second };
}

/**
 * The instant a wall-clock time happens on a local date. luxon alone resolves an ambiguous (fall-back)
 * time to whichever offset its guess lands on, which differs between zones, so the rule is explicit:
 * of the offsets in force around that day, keep those that reproduce the wall-clock time and take the
 * earliest instant; in a spring-forward gap none does, and the pre-transition offset carries the time
 * forward by the gap's length (02:30 → 03:30).
 */
export function atLocalTime(date: string, time: string, zone: string): Date {
  const tz = zoneOf(zone);
  const parts = splitTime(time);
  if (!parts) throw new RangeError(`Not a time of day (HH:MM or HH:MM:SS): ${time}`);
  const wallClockAsUtc =
    dayNumber(requireDate(date)) * DAY_MS + ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000;
  const before = offsetAt(tz, wallClockAsUtc - DAY_MS);
  const after = offsetAt(tz, wallClockAsUtc + DAY_MS);
  let earliest: number | undefined;
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wallClockAsUtc - offset * MINUTE_MS;
    if (offsetAt(tz, instant) === offset && (earliest === undefined || instant < earliest))
      earliest = instant;
  }
  return new Date(earliest ?? wallClockAsUtc - before * MINUTE_MS);
}

const USER_TIME_PATTERN = /^(\d{1,2})(?:[:.h](\d{2}))?(?::(\d{2}))?\s*(am|pm|a|p|a\.m\.|p\.m\.)?$/;

/** A time typed by a person ('9', '9:30', '2:15pm', '12am', '14:15') as 'HH:MM'. */
export function parseTimeOfDay(text: string): string | undefined {
  const match = USER_TIME_PATTERN.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = match[2] === undefined ? 0 : Number(match[2]);
  const second = match[3] === undefined ? 0 : Number(match[3]);
  if (minute > 59 || second > 59) return undefined;
  const meridiem = match[4]?.charAt(0);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hour > 23) {
    return undefined;
  }
  return `${pad2(hour)}:${pad2(minute)}`;
}

/** Postgres `time` columns read back as 'HH:MM:SS'; people see 'HH:MM'. */
export function formatTimeOfDay(time: string): string {
  const parts = splitTime(time.trim());
  if (!parts) throw new RangeError(`Not a time of day (HH:MM or HH:MM:SS): ${time}`);
  return `${pad2(parts.hour)}:${pad2(parts.minute)}`;
}
