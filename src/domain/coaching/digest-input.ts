import type { Db } from '../../db/database.js';
import { listCheckInDays } from '../../db/queries/check-ins.js';
import { listOverdueCommitments } from '../../db/queries/commitment-follow-ups.js';
import { listOutOfOffice } from '../../db/queries/out-of-office.js';
import { listUndeliveredPrompts } from '../../db/queries/outbox.js';
import { listReportsOf } from '../../db/queries/people.js';
import type { Person } from '../../db/schema.js';
import { loadFollowUps } from '../deal-review/follow-ups.js';
import { composeDigest, type DayStatus, type Digest, type RepDay } from './digest.js';
import { addDays } from './schedule.js';

/** The digest looks back this many days (today included) for streaks and repeated obstacles. */
const LOOKBACK_DAYS = 14;

/**
 * Loads what a manager's digest for `localDate` is made of: each of their reps' check-ins of the
 * last two weeks, why a rep was not asked today, their overdue commitments, and the manager's own
 * commitments coming due. Undefined when the manager has no reps.
 */
export async function composeManagerDigest(
  db: Db,
  manager: Person,
  localDate: string,
): Promise<Digest | undefined> {
  const reps = await listReportsOf(db, manager.id);
  if (reps.length === 0) return undefined;
  const repIds = reps.map((rep) => rep.id);
  const between = { personIds: repIds, from: addDays(localDate, -(LOOKBACK_DAYS - 1)), to: localDate };
  const [checkIns, undelivered, ranges, overdue, followUps] = await Promise.all([
    listCheckInDays(db, between),
    listUndeliveredPrompts(db, between),
    listOutOfOffice(db, repIds, localDate),
    listOverdueCommitments(db, repIds, localDate),
    loadFollowUps(db, [{ ownerId: manager.id, today: localDate }], 'manager'),
  ]);
  const repById = new Map(reps.map((rep) => [rep.id, rep]));

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
      status = byDate.get(row.local_date) ?? { kind: 'not_prompted', reason: 'the prompt is not sent yet' };
    }
    byDate.set(row.local_date, status);
  }
  const awayToday = new Set(
    ranges.filter((range) => range.first_day <= localDate).map((range) => range.person_id),
  );
  for (const rep of reps) {
    const byDate = days.get(rep.id) as Map<string, DayStatus>;
    if (byDate.has(localDate)) continue;
    const reason = whyNotAsked(rep, awayToday.has(rep.id));
    if (reason !== undefined) byDate.set(localDate, { kind: 'not_prompted', reason });
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

function whyNotAsked(rep: Person, outOfOffice: boolean): string | undefined {
  if (rep.slack_deactivated_at !== null) return 'deactivated in Slack';
  if (rep.inactive_reason !== null) return rep.inactive_reason;
  if (rep.paused_at !== null) return 'paused';
  if (outOfOffice) return 'out of office';
  return undefined;
}
