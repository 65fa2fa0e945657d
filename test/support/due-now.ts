import { DateTime } from 'luxon';

/**
 * A team time zone and prompt time that make a prompt due one minute before `now`, so the first tick
 * finds every rep of the team due. Near midnight UTC the local day would roll over (the prompt would
 * be tomorrow's) or end before the test does (the prompt would expire with the working day), so
 * there a zone twelve hours away is used instead.
 */
export function promptDueOneMinuteAgo(now: Date): { timezone: string; promptTime: string } {
  const minuteOfDay = now.getUTCHours() * 60 + now.getUTCMinutes();
  const timezone = minuteOfDay >= 1 && minuteOfDay <= 23 * 60 + 50 ? 'UTC' : 'Etc/GMT-12';
  const promptTime = DateTime.fromJSDate(now, { zone: timezone }).minus({ minutes: 1 }).toFormat('HH:mm');
  return { timezone, promptTime };
}

/** Every day of the week, and the whole day: nothing in the schedule gets in a test's way. */
export const ALWAYS_WORKING = {
  workdays: [1, 2, 3, 4, 5, 6, 7],
  workingHours: ['00:00', '23:59'] as [string, string],
};
