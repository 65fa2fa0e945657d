import {
  atLocalTime,
  DEFAULT_PROMPT_TIME,
  DEFAULT_WORKDAYS,
  formatTimeOfDay,
  preferredZone,
  previousWorkday,
  publicHoliday,
  type WorkSchedule,
  weekday,
} from './schedule.js';

/**
 * One rep's prompt schedule as stored: their own zone and prompt time, else their team's, and the
 * team's workdays, holidays and end of the working day. Null everywhere means the defaults.
 */
export interface RepPromptSchedule {
  person_timezone: string | null;
  person_prompt_time: string | null;
  team_timezone: string | null;
  team_prompt_time: string | null;
  workdays: number[] | null;
  holiday_country: string | null;
  working_hours_end: string | null;
}

export const DEFAULT_WORKDAY_END = '18:00';

/** The zone a rep's prompt is counted in. */
export function promptZone(defaultTimeZone: string, schedule: RepPromptSchedule): string {
  return preferredZone(defaultTimeZone, schedule.person_timezone, schedule.team_timezone);
}

/** The rep's prompt time as stored ('HH:MM' or 'HH:MM:SS'): their own, else their team's, else 09:00. */
export function promptTimeOf(schedule: RepPromptSchedule): string {
  return schedule.person_prompt_time ?? schedule.team_prompt_time ?? DEFAULT_PROMPT_TIME;
}

/** The dates a rep is expected to work, from their team. */
export function workScheduleOf(
  schedule: Pick<RepPromptSchedule, 'workdays' | 'holiday_country'>,
): WorkSchedule {
  return { workdays: schedule.workdays ?? DEFAULT_WORKDAYS, holidayCountry: schedule.holiday_country };
}

/** A rep's prompt on one local date: when it is due and until when it may go out, or why there is none. */
export type PromptDay =
  | {
      kind: 'off';
      /** 'not a workday' or 'public holiday (Christmas Day)', as a manager reads it. */
      reason: string;
    }
  | {
      kind: 'due';
      date: string;
      /** The workday the prompt asks about. */
      aboutDate: string;
      /** The prompt time, 'HH:MM', in the rep's zone. */
      promptTime: string;
      dueAt: Date;
      /** From here on the prompt is dropped instead of sent. */
      expiresAt: Date;
    };

/**
 * The rules the minute tick applies to decide a rep's prompt on `date` (their local date in `zone`):
 * none on the team's non-workdays or public holidays; otherwise due at the prompt time, and sent at
 * most `graceMinutes` late, and no later than the end of the working day unless the prompt time is
 * at or after it. Out of office and pauses are the caller's to apply.
 */
export function promptDayOn(
  date: string,
  zone: string,
  promptTime: string,
  schedule: Pick<RepPromptSchedule, 'workdays' | 'holiday_country' | 'working_hours_end'>,
  graceMinutes: number,
): PromptDay {
  const workSchedule = workScheduleOf(schedule);
  if (!workSchedule.workdays.includes(weekday(date))) return { kind: 'off', reason: 'not a workday' };
  const holiday = publicHoliday(date, workSchedule.holidayCountry);
  if (holiday !== undefined) return { kind: 'off', reason: `public holiday (${holiday})` };
  const dueAt = atLocalTime(date, promptTime, zone);
  const workdayEnd = atLocalTime(date, schedule.working_hours_end ?? DEFAULT_WORKDAY_END, zone);
  const graceEnd = new Date(dueAt.getTime() + graceMinutes * 60_000);
  // The end of the working day cuts the grace short, unless the prompt time is at or after it: then
  // the whole grace applies.
  const expiresAt = workdayEnd > dueAt && workdayEnd < graceEnd ? workdayEnd : graceEnd;
  return {
    kind: 'due',
    date,
    aboutDate: previousWorkday(date, workSchedule),
    promptTime: formatTimeOfDay(promptTime),
    dueAt,
    expiresAt,
  };
}
