import type { Db } from '../../db/database.js';
import { listCheckInDays } from '../../db/queries/check-ins.js';
import { listOverdueCommitments } from '../../db/queries/commitment-follow-ups.js';
import { listOutOfOffice } from '../../db/queries/out-of-office.js';
import { findFirstDigests, listUndeliveredPrompts } from '../../db/queries/outbox.js';
import { listReportsOf } from '../../db/queries/people.js';
import { findTeamsByIds } from '../../db/queries/teams.js';
import type { Person, Team } from '../../db/schema.js';
import type { Clock } from '../clock.js';
import { loadFollowUps, ownerToday } from '../deal-review/follow-ups.js';
import { introductionKey } from './check-ins.js';
import { composeDigest, type DayStatus, type Digest, type RepDay } from './digest.js';
import type { DuePolicy } from './due-messages.js';
import {
  type PromptDay,
  promptDayOn,
  promptTimeOf,
  promptZone,
  type RepPromptSchedule,
} from './prompt-day.js';
import { addDays, formatTimeOfDay } from './schedule.js';

/** The digest looks back this many days (today included) for streaks and repeated obstacles. */
const LOOKBACK_DAYS = 14;

/** What the digest needs of the prompt rules to say why a rep has no prompt yet today. */
export type DigestPolicy = Pick<DuePolicy, 'defaultTimeZone' | 'promptGraceMinutes'>;

/**
 * Loads what a manager's digest for `localDate` is made of: each of their reps' check-ins of the
 * last two weeks, why a rep was not prompted today (or when they will be), their overdue
 * commitments, and the manager's own commitments coming due. Undefined when the manager has no reps.
 * A fixed number of queries, however many reps.
 */
export async function composeManagerDigest(
  db: Db,
  manager: Person,
  localDate: string,
  at: { now: Date; policy: DigestPolicy },
): Promise<Digest | undefined> {
  const reps = await listReportsOf(db, manager.id);
  if (reps.length === 0) return undefined;
  const repIds = reps.map((rep) => rep.id);
  const teamIds = [...new Set(reps.flatMap((rep) => (rep.team_id === null ? [] : [rep.team_id])))];
  const between = { personIds: repIds, from: addDays(localDate, -(LOOKBACK_DAYS - 1)), to: localDate };
  const [checkIns, undelivered, ranges, overdue, followUps, teams] = await Promise.all([
    listCheckInDays(db, between),
    listUndeliveredPrompts(db, between),
    listOutOfOffice(db, repIds, localDate),
    listOverdueCommitments(db, repIds, localDate),
    loadFollowUps(db, [{ ownerId: manager.id, today: localDate }], 'manager'),
    findTeamsByIds(db, teamIds),
  ]);
  const repById = new Map(reps.map((rep) => [rep.id, rep]));
  const teamById = new Map(teams.map((team) => [team.id, team]));
  const todayOf = (rep: Person) => repToday(rep, teamById, localDate, at.policy);

  const days = new Map<number, Map<string, DayStatus>>(repIds.map((id) => [id, new Map()]));
  for (const row of undelivered) {
    days.get(row.person_id)?.set(row.local_date, {
      kind: 'not_prompted',
      reason: `prompt ${row.status}: ${row.failure_reason ?? 'no reason recorded'}`,
    });
  }
  for (const row of checkIns) {
    const byDate = days.get(row.person_id);
    if (byDate === undefined) continue;
    let status: DayStatus;
    if (row.stage === 'answered' && row.outcome === 'sold') {
      status = {
        kind: 'sold',
        description: row.description ?? '',
        amount: row.amount ?? '0',
        currency: row.currency ?? '',
        account: row.account ?? '',
      };
    } else if (row.stage === 'answered' && row.outcome === 'tried') {
      status = { kind: 'tried', skill: row.skill, note: row.note };
    } else if (row.stage === 'answered' && row.outcome === 'did_not_try') {
      status = {
        kind: 'did_not_try',
        obstacle: row.obstacle === null || row.obstacle === 'none' ? 'other' : row.obstacle,
        note: row.note,
      };
    } else if (row.prompted_at !== null) {
      status = { kind: 'no_answer' };
    } else {
      const failed = byDate.get(row.local_date);
      const rep = repById.get(row.person_id) as Person;
      // Queued and not posted yet: today's is on its way, an older one never went out.
      status =
        failed ??
        (row.local_date === localDate
          ? { kind: 'not_prompted_yet', promptTime: formatTimeOfDay(promptTimeOf(scheduleOf(rep, teamById))) }
          : { kind: 'not_prompted', reason: 'the prompt was never sent' });
    }
    byDate.set(row.local_date, status);
  }
  const awayToday = new Set(
    ranges.filter((range) => range.first_day <= localDate).map((range) => range.person_id),
  );
  for (const rep of reps) {
    const byDate = days.get(rep.id) as Map<string, DayStatus>;
    if (byDate.has(localDate)) continue;
    byDate.set(localDate, whyNoCheckInToday(rep, todayOf(rep), awayToday.has(rep.id), at.now));
  }

  return composeDigest({
    managerName: manager.display_name,
    localDate,
    reps: reps.map((rep) => ({
      personId: rep.id,
      name: rep.display_name || rep.slack_user_id,
      slackUserId: rep.slack_user_id,
      days: [...(days.get(rep.id) as Map<string, DayStatus>).entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([date, status]): RepDay => ({ localDate: date, status })),
    })),
    overdue: overdue.map((commitment) => {
      const rep = repById.get(commitment.owner_id) as Person;
      return {
        name: rep.display_name || rep.slack_user_id,
        slackUserId: rep.slack_user_id,
        text: commitment.text,
        dueOn: commitment.due_on,
      };
    }),
    followUps: followUps.get(manager.id),
  });
}

function scheduleOf(rep: Person, teamById: ReadonlyMap<number, Team>): RepPromptSchedule {
  const team = rep.team_id === null ? undefined : teamById.get(rep.team_id);
  return {
    person_timezone: rep.timezone,
    person_prompt_time: rep.prompt_time,
    team_timezone: team?.timezone ?? null,
    team_prompt_time: team?.prompt_time ?? null,
    workdays: team?.workdays ?? null,
    holiday_country: team?.holiday_country ?? null,
    working_hours_end: team?.working_hours_end ?? null,
  };
}

/** The rep's prompt on the digest's date, by the rules the minute tick applies. */
function repToday(
  rep: Person,
  teamById: ReadonlyMap<number, Team>,
  localDate: string,
  policy: DigestPolicy,
): PromptDay {
  const schedule = scheduleOf(rep, teamById);
  return promptDayOn(
    localDate,
    promptZone(policy.defaultTimeZone, schedule),
    promptTimeOf(schedule),
    schedule,
    policy.promptGraceMinutes,
  );
}

/**
 * What a rep's day is when it has no check-in and no failed prompt: the same rules, in the same
 * order, as the tick that would have queued the prompt (who is asked at all, the team's workdays and
 * holidays, days off, the prompt time in the rep's zone).
 */
function whyNoCheckInToday(rep: Person, today: PromptDay, outOfOffice: boolean, now: Date): DayStatus {
  const notPrompted = (reason: string): DayStatus => ({ kind: 'not_prompted', reason });
  if (rep.slack_deactivated_at !== null) return notPrompted('deactivated in Slack');
  if (rep.inactive_reason !== null) return notPrompted(rep.inactive_reason);
  if (rep.paused_at !== null) return notPrompted('paused');
  if (today.kind === 'off') return notPrompted(today.reason);
  if (outOfOffice) return notPrompted('out of office');
  if (now < today.dueAt) return { kind: 'not_prompted_yet', promptTime: today.promptTime };
  const time = `${today.promptTime} their time`;
  if (rep.created_at > today.dueAt) return notPrompted(`added after today's prompt time (${time})`);
  // Due, and the next minute's tick queues it.
  if (now < today.expiresAt) return { kind: 'not_prompted_yet', promptTime: today.promptTime };
  return notPrompted(`no prompt went out for ${time}`);
}

/**
 * A manager's day so far, for their Home: the digest as it would read now, on their own local date.
 * Undefined when no rep reports to them.
 */
export async function managerDaySoFar(
  db: Db,
  clock: Clock,
  manager: Person,
  policy: DigestPolicy,
): Promise<Digest | undefined> {
  const today = await ownerToday(db, clock, manager, policy.defaultTimeZone);
  return composeManagerDigest(db, manager, today, { now: clock.now(), policy });
}

/**
 * Which of these digests are their manager's first, as introductionKey keys; one query for a whole
 * delivery batch. Decided at send time from the digests actually sent, so a first digest that was
 * dropped or failed leaves the introduction to the next one that goes out. Closed outbox rows are
 * deleted after CLOSED_OUTBOX_RETENTION_DAYS: a manager who got no digest for that long (no reps,
 * deactivated) is introduced again, which after three months of silence is no bad thing.
 */
export async function loadFirstDigests(
  db: Db,
  digests: ReadonlyArray<{ personId: number; localDate: string }>,
): Promise<Set<string>> {
  const rows = await findFirstDigests(db, digests);
  return new Set(rows.map((row) => introductionKey(row.person_id, row.local_date)));
}
