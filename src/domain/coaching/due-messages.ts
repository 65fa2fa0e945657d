import type { Db } from '../../db/database.js';
import { countQuestionsAsked, insertCheckIns } from '../../db/queries/check-ins.js';
import {
  type DigestCandidate,
  listDigestCandidates,
  listOutboxKeys,
  listOutOfOfficeBetween,
  listPromptCandidates,
  listReminderCandidates,
  type PromptCandidate,
} from '../../db/queries/due-work.js';
import { insertOutboxMessages } from '../../db/queries/outbox.js';
import type { NewOutboxMessage } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { DEFAULT_WORKDAY_END, type PromptDay, promptDayOn, promptTimeOf, promptZone } from './prompt-day.js';
import { findQuestionSet, questionForPrompt } from './question-sets.js';
import {
  addDays,
  atLocalTime,
  DEFAULT_WORKDAYS,
  isFirstWorkdayOfMonth,
  isWorkday,
  localDate,
  preferredZone,
  type WorkSchedule,
} from './schedule.js';

export interface DuePolicy {
  /** Zone of people whose Slack profile and team have none. */
  defaultTimeZone: string;
  /** A prompt later than this after its time is dropped with a reason instead of sent. */
  promptGraceMinutes: number;
  /** How long after its time a digest is still worth sending. */
  digestGraceMinutes: number;
}

export const DEFAULT_DUE_POLICY: Omit<DuePolicy, 'defaultTimeZone'> = {
  promptGraceMinutes: 180,
  digestGraceMinutes: 360,
};

const DEFAULT_WORKDAY_START = '08:00';
const DEFAULT_REMINDER_DELAY_MINUTES = 120;
const INSERT_CHUNK = 500;

export interface EnqueueReport {
  prompts: number;
  promptsDropped: number;
  reminders: number;
  digests: number;
  reviewReminders: number;
}

/**
 * The minute tick: works out from each person's local time and schedule which prompts, reminders,
 * digests and review reminders are due today and inserts them once. Safe on every replica at once,
 * and after any gap: a tick that comes late still finds the day's due prompt (until its grace runs out).
 */
export async function enqueueDueMessages(
  db: Db,
  clock: Clock,
  policy: DuePolicy,
  /**
   * Called each time a chunk of prompts is committed, so delivery can start on the first chunk of a
   * large fan-out instead of after the whole tick.
   */
  promptsQueued?: () => void,
): Promise<EnqueueReport> {
  const now = clock.now();
  const prompts = await enqueuePrompts(db, now, policy, promptsQueued);
  const reminders = await enqueueReminders(db, now, policy);
  const managers = await listDigestCandidates(db);
  const digests = await enqueueManagerMessages(db, now, policy, managers, 'digest', isWorkday);
  // At digest time on the first workday of a month: which reps have no review for the month before.
  const reviewReminders = await enqueueManagerMessages(
    db,
    now,
    policy,
    managers,
    'review_reminder',
    isFirstWorkdayOfMonth,
  );
  return { ...prompts, reminders, digests, reviewReminders };
}

function minutesAfter(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}

/** Local dates "now" can be anywhere on Earth: from UTC−12 to UTC+14. */
function datesAroundTheWorld(now: Date): string[] {
  const utc = localDate(now, 'UTC');
  return [addDays(utc, -1), utc, addDays(utc, 1)];
}

async function enqueuePrompts(
  db: Db,
  now: Date,
  policy: DuePolicy,
  promptsQueued: (() => void) | undefined,
): Promise<{ prompts: number; promptsDropped: number }> {
  const dates = datesAroundTheWorld(now);
  const [candidates, known, outOfOffice] = await Promise.all([
    listPromptCandidates(db),
    listOutboxKeys(db, 'prompt', dates),
    listOutOfOfficeBetween(db, dates[0] as string, dates[2] as string),
  ]);
  const due: Array<{ candidate: PromptCandidate; day: DuePromptDay }> = [];
  const missed: NewOutboxMessage[] = [];
  // Reps share zones and schedules: the calendar work is done once per distinct schedule per tick.
  const days = new Map<string, PromptDay>();
  for (const candidate of candidates) {
    const zone = promptZone(policy.defaultTimeZone, candidate);
    const promptTime = promptTimeOf(candidate);
    const key = `${zone}|${promptTime}|${candidate.workdays}|${candidate.holiday_country}|${candidate.working_hours_end}`;
    let day = days.get(key);
    if (day === undefined) {
      day = promptDayOn(localDate(now, zone), zone, promptTime, candidate, policy.promptGraceMinutes);
      days.set(key, day);
    }
    if (day.kind === 'off' || now < day.dueAt || known.has(`${candidate.person_id}:${day.date}`)) continue;
    // Someone added after today's prompt time starts on their next workday: prompted a minute after
    // being added, about a day before they were on the roster, they would hear from the bot before
    // anyone told them of it; and nothing was missed. A rep re-added, resumed or reactivated keeps
    // their row, so still gets today's prompt within the grace: they know the bot already.
    if (candidate.person_created_at > day.dueAt) continue;
    const date = day.date;
    const away = outOfOffice.get(candidate.person_id);
    if (away?.some((range) => range.first_day <= date && date <= range.last_day)) continue;
    if (now >= day.expiresAt) {
      missed.push({
        workspace_id: candidate.workspace_id,
        person_id: candidate.person_id,
        kind: 'prompt',
        local_date: date,
        due_at: day.dueAt,
        expires_at: day.expiresAt,
        next_attempt_at: day.dueAt,
        status: 'dropped',
        failure_reason: missedPromptReason(candidate, day),
        created_at: now,
        updated_at: now,
      });
      continue;
    }
    due.push({ candidate, day });
  }

  let created = 0;
  for (let start = 0; start < due.length; start += INSERT_CHUNK) {
    const chunk = due.slice(start, start + INSERT_CHUNK);
    const createdInChunk = await db.transaction().execute(async (trx) => {
      // Where each rep with a question set is in its rotation: one query for the chunk.
      const asked = await countQuestionsAsked(
        trx,
        chunk.flatMap(({ candidate }) => (candidate.question_set === null ? [] : [candidate.person_id])),
      );
      const checkIns = chunk.map(({ candidate, day }) => ({
        workspaceId: candidate.workspace_id,
        personId: candidate.person_id,
        localDate: day.date,
        aboutDate: day.aboutDate,
        question: rotatingQuestion(candidate.question_set, asked.get(candidate.person_id) ?? 0),
      }));
      // Only the replica whose insert created the check-in goes on to queue its prompt.
      const createdCheckIns = await insertCheckIns(trx, checkIns, now);
      const byPerson = new Map(chunk.map((item) => [item.candidate.person_id, item.day]));
      return insertOutboxMessages(
        trx,
        createdCheckIns.map((checkIn) => {
          const day = byPerson.get(checkIn.person_id) as DuePromptDay;
          return {
            workspace_id: checkIn.workspace_id,
            person_id: checkIn.person_id,
            kind: 'prompt' as const,
            local_date: checkIn.local_date,
            check_in_id: checkIn.id,
            due_at: day.dueAt,
            expires_at: day.expiresAt,
            next_attempt_at: day.dueAt,
            created_at: now,
            updated_at: now,
          };
        }),
      );
    });
    created += createdInChunk;
    if (createdInChunk > 0) promptsQueued?.();
  }
  const promptsDropped = await insertOutboxMessages(db, missed);
  return { prompts: created, promptsDropped };
}

type DuePromptDay = Extract<PromptDay, { kind: 'due' }>;

/** Why a rep has no prompt for a day whose grace ran out before any tick queued one. */
export const MISSED_PROMPT_REASONS = {
  /**
   * Nothing about the rep or their team changed since the prompt time, so they were due all along:
   * no tick ran in the whole window.
   */
  notRunning: 'the bot could not send it in time (it was not running, or could not reach its database)',
  /**
   * Their row or their team's changed after the prompt time (resumed, days off cleared, a new prompt
   * time, re-added, active in Slack again, or only a profile update): whether they were due at the
   * time is not known, so no cause is claimed.
   */
  changedSince: (promptTime: string) =>
    `its time (${promptTime}) had passed when they could next be prompted: their settings changed ` +
    'after it (resumed, days off cleared, new prompt time…), or the bot was not running',
} as const;

function missedPromptReason(candidate: PromptCandidate, day: DuePromptDay): string {
  const changed =
    candidate.person_updated_at >= day.dueAt ||
    (candidate.team_updated_at !== null && candidate.team_updated_at >= day.dueAt);
  return changed ? MISSED_PROMPT_REASONS.changedSince(day.promptTime) : MISSED_PROMPT_REASONS.notRunning;
}

function rotatingQuestion(setKey: string | null, questionsAsked: number): string | null {
  if (setKey === null) return null;
  const set = findQuestionSet(setKey);
  if (set === undefined) return null;
  return questionForPrompt(set, questionsAsked);
}

async function enqueueReminders(db: Db, now: Date, policy: DuePolicy): Promise<number> {
  const since = addDays(localDate(now, 'UTC'), -1);
  const candidates = await listReminderCandidates(db, since);
  const rows: NewOutboxMessage[] = [];
  for (const candidate of candidates) {
    const zone = preferredZone(policy.defaultTimeZone, candidate.person_timezone, candidate.team_timezone);
    // Yesterday's unanswered check-in gets no reminder today: a new prompt is coming.
    if (localDate(now, zone) !== candidate.local_date) continue;
    const workStart = atLocalTime(
      candidate.local_date,
      candidate.working_hours_start ?? DEFAULT_WORKDAY_START,
      zone,
    );
    const workEnd = atLocalTime(
      candidate.local_date,
      candidate.working_hours_end ?? DEFAULT_WORKDAY_END,
      zone,
    );
    const afterDelay = minutesAfter(
      candidate.prompted_at,
      candidate.reminder_delay_minutes ?? DEFAULT_REMINDER_DELAY_MINUTES,
    );
    const dueAt = afterDelay > workStart ? afterDelay : workStart;
    if (now < dueAt || dueAt >= workEnd) continue;
    rows.push({
      workspace_id: candidate.workspace_id,
      person_id: candidate.person_id,
      kind: 'reminder',
      local_date: candidate.local_date,
      check_in_id: candidate.check_in_id,
      due_at: dueAt,
      expires_at: workEnd,
      next_attempt_at: dueAt,
      created_at: now,
      updated_at: now,
    });
  }
  return insertOutboxMessages(db, rows);
}

/** A manager's message at their digest time, on the local dates `sendsOn` picks from their schedule. */
async function enqueueManagerMessages(
  db: Db,
  now: Date,
  policy: DuePolicy,
  managers: readonly DigestCandidate[],
  kind: 'digest' | 'review_reminder',
  sendsOn: (date: string, schedule: WorkSchedule) => boolean,
): Promise<number> {
  const known = await listOutboxKeys(db, kind, datesAroundTheWorld(now));
  const rows: NewOutboxMessage[] = [];
  for (const candidate of managers) {
    const zone = preferredZone(policy.defaultTimeZone, candidate.person_timezone, candidate.team_timezone);
    const date = localDate(now, zone);
    if (known.has(`${candidate.person_id}:${date}`)) continue;
    const schedule = {
      workdays: candidate.workdays ?? DEFAULT_WORKDAYS,
      holidayCountry: candidate.holiday_country,
    };
    if (!sendsOn(date, schedule)) continue;
    const dueAt = atLocalTime(date, candidate.digest_time, zone);
    if (now < dueAt) continue;
    const expiresAt = minutesAfter(dueAt, policy.digestGraceMinutes);
    if (now >= expiresAt) continue;
    rows.push({
      workspace_id: candidate.workspace_id,
      person_id: candidate.person_id,
      kind,
      local_date: date,
      due_at: dueAt,
      expires_at: expiresAt,
      next_attempt_at: dueAt,
      created_at: now,
      updated_at: now,
    });
  }
  return insertOutboxMessages(db, rows);
}
