import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { Commitment } from '../schema.js';
import { anyOf } from './any-of.js';

/**
 * Which of a person's commitments are followed up where: the ones from their own review ('rep':
 * rep_id = owner) in their daily DM, the ones a manager took on in a rep's review ('manager') in the
 * manager's digest, so nobody is asked the same thing twice.
 */
export type FollowUpSide = 'rep' | 'manager';

/** The team whose schedule the owner `p` keeps: the one they manage, or else the one they are on (as for the digest). */
const OWNER_SCHEDULE_TEAM = sql<boolean>`t.id = coalesce((select tm.id from teams tm where tm.manager_id = p.id order by tm.id limit 1), p.team_id)`;

/** Commitments joined to their owner `p` and the team `t` whose schedule the owner keeps. */
function commitmentsWithOwnerSchedule(db: Db) {
  return db
    .selectFrom('commitments as c')
    .innerJoin('people as p', 'p.id', 'c.owner_id')
    .leftJoin('teams as t', (join) => join.on(OWNER_SCHEDULE_TEAM));
}

/** A commitment as a follow-up needs it, with its owner's work schedule. */
export interface FollowUpCandidate {
  id: string;
  owner_id: number;
  text: string;
  due_on: string;
  status: Commitment['status'];
  last_followed_up_on: string | null;
  not_yet_on: string | null;
  workdays: number[] | null;
  holiday_country: string | null;
}

/**
 * The owners' commitments that are open and due by `dueOnOrBefore`, or that a DM from
 * `followedUpSince` on already showed (done or not, so a redraw of that DM still shows them).
 */
export async function listFollowUpCandidates(
  db: Db,
  options: {
    ownerIds: readonly number[];
    side: FollowUpSide;
    dueOnOrBefore: string;
    followedUpSince: string;
  },
): Promise<FollowUpCandidate[]> {
  if (options.ownerIds.length === 0) return [];
  return commitmentsWithOwnerSchedule(db)
    .select([
      'c.id',
      'c.owner_id',
      'c.text',
      'c.due_on',
      'c.status',
      'c.last_followed_up_on',
      'c.not_yet_on',
      't.workdays',
      't.holiday_country',
    ])
    .where('c.owner_id', '=', anyOf(options.ownerIds, 'integer'))
    .whereRef('c.rep_id', options.side === 'rep' ? '=' : '<>', 'c.owner_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('c.status', '=', 'open'), eb('c.due_on', '<=', options.dueOnOrBefore)]),
        eb('c.last_followed_up_on', '>=', options.followedUpSince),
      ]),
    )
    .execute();
}

/** Records the local date on which each commitment was put in its owner's DM, in one statement. */
export async function markCommitmentsFollowedUp(
  db: Db,
  shown: ReadonlyArray<{ commitmentId: string; localDate: string }>,
  now: Date,
): Promise<void> {
  if (shown.length === 0) return;
  await sql`
    update commitments as c
    set last_followed_up_on = s.local_date, updated_at = ${now}
    from unnest(
      ${shown.map((row) => row.commitmentId)}::bigint[],
      ${shown.map((row) => row.localDate)}::date[]
    ) as s(id, local_date)
    where c.id = s.id
      -- A post recorded late (a retried digest after the next day's prompt) never moves the date back.
      and (c.last_followed_up_on is null or c.last_followed_up_on < s.local_date)`.execute(db);
}

/** One commitment with what deciding who may answer it needs: its owner's Slack id and schedule. */
export async function findCommitmentWithOwner(db: Db, commitmentId: string) {
  return commitmentsWithOwnerSchedule(db)
    .select([
      'c.id',
      'c.workspace_id',
      'c.text',
      'c.due_on',
      'c.status',
      'c.last_followed_up_on',
      'c.not_yet_on',
      'p.slack_user_id as owner_slack_user_id',
      'p.timezone as owner_timezone',
      't.timezone as team_timezone',
      't.workdays',
      't.holiday_country',
    ])
    .where('c.id', '=', commitmentId)
    .executeTakeFirst();
}

/** The zone of the team whose schedule the owner keeps (as for their commitments' follow-ups). */
export async function findOwnerScheduleTimeZone(db: Db, ownerId: number): Promise<string | null> {
  const row = await db
    .selectFrom('people as p')
    .leftJoin('teams as t', (join) => join.on(OWNER_SCHEDULE_TEAM))
    .select('t.timezone')
    .where('p.id', '=', ownerId)
    .executeTakeFirst();
  return row?.timezone ?? null;
}

/**
 * Done, once: a second click finds it done already and changes nothing (done_at stays the first).
 * Returns whether this call made the change.
 */
export async function markCommitmentDone(db: Db, commitmentId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('commitments')
    .set({ status: 'done', done_at: now, updated_at: now })
    .where('id', '=', commitmentId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** "Not yet" on `localDate`; a commitment already done stays done. */
export async function markCommitmentNotYet(
  db: Db,
  commitmentId: string,
  localDate: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('commitments')
    .set({ not_yet_on: localDate, updated_at: now })
    .where('id', '=', commitmentId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Open commitments owned by these people that were due before `date`, oldest due first. */
export async function listOverdueCommitments(db: Db, ownerIds: readonly number[], date: string) {
  if (ownerIds.length === 0) return [];
  return db
    .selectFrom('commitments')
    .select(['id', 'owner_id', 'text', 'due_on'])
    .where('owner_id', '=', anyOf(ownerIds, 'integer'))
    .where('status', '=', 'open')
    .where('due_on', '<', date)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
}

/**
 * A person's open commitments, soonest due first (then oldest first), at most `limit` from the
 * `offset`-th on, and how many there are in all (0 when the page is past the end).
 */
export async function listOpenCommitmentsOwnedBy(db: Db, ownerId: number, limit: number, offset = 0) {
  const rows = await db
    .selectFrom('commitments')
    .select(['id', 'text', 'due_on', sql<string>`count(*) over ()`.as('total')])
    .where('owner_id', '=', ownerId)
    .where('status', '=', 'open')
    .orderBy('due_on')
    .orderBy('id')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows, total: Number(rows[0]?.total ?? 0) };
}
