import { sql, type Updateable } from 'kysely';
import type { Db } from '../database.js';
import type { StandingsPost, StandingsPostTable } from '../schema.js';
import { anyOf } from './any-of.js';

/** What deciding "is this team's weekly post due now?" needs. */
export interface StandingsSchedule {
  team_id: number;
  workspace_id: string;
  timezone: string | null;
  standings_weekday: number;
  standings_time: string;
  /** The post waits for the answers to the team's first prompt of the week (standingsPostDueAt). */
  prompt_time: string;
  reminder_delay_minutes: number;
  workdays: number[];
  holiday_country: string | null;
}

/** Teams that chose a channel, in workspaces that still have the bot. */
export async function listStandingsSchedules(db: Db): Promise<StandingsSchedule[]> {
  return db
    .selectFrom('teams as t')
    .innerJoin('workspaces as w', 'w.id', 't.workspace_id')
    .select([
      't.id as team_id',
      't.workspace_id',
      't.timezone',
      't.standings_weekday',
      't.standings_time',
      't.prompt_time',
      't.reminder_delay_minutes',
      't.workdays',
      't.holiday_country',
    ])
    .where('t.standings_channel_id', 'is not', null)
    .where('w.uninstalled_at', 'is', null)
    .execute();
}

export interface NewStandingsPost {
  workspace_id: string;
  team_id: number;
  week_start: string;
  due_at: Date;
}

/** One row per team and week: a row that exists already (another replica's) is left alone. */
export async function insertStandingsPosts(db: Db, rows: readonly NewStandingsPost[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await db
    .insertInto('standings_posts')
    .values(rows.map((row) => ({ ...row, created_at: row.due_at, updated_at: row.due_at })))
    .onConflict((oc) => oc.columns(['team_id', 'week_start']).doNothing())
    .returning('id')
    .execute();
  return inserted.length;
}

/**
 * Drops posts that were due before `dueBefore` and never went out (the bot was down, or Slack kept
 * failing): posting them days late would only confuse the channel.
 */
export async function expireStandingsPosts(
  db: Db,
  options: { dueBefore: Date; now: Date; reason: string },
): Promise<number> {
  const result = await db
    .updateTable('standings_posts')
    .set({ status: 'failed', failure_reason: options.reason, lease_until: null, updated_at: options.now })
    .where('due_at', '<', options.dueBefore)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'pending'),
        eb.and([eb('status', '=', 'posting'), eb('lease_until', '<=', options.now)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Leases due posts (or one post, by id): pending ones, and posting ones whose lease ran out (their
 * replica died, or a failed attempt set the lease as its back-off). SKIP LOCKED lets replicas claim
 * side by side; only rows due since `dueSince` are taken.
 */
export async function claimStandingsPosts(
  db: Db,
  options: { now: Date; leaseUntil: Date; workerId: string; dueSince: Date; limit: number; id?: string },
): Promise<StandingsPost[]> {
  const { now, leaseUntil, workerId, dueSince, limit, id } = options;
  const result = await sql<StandingsPost>`
    update standings_posts as s
    set status = 'posting',
        lease_until = ${leaseUntil},
        leased_by = ${workerId},
        attempts = s.attempts + 1,
        updated_at = ${now}
    from (
      select id from standings_posts
      where ((status = 'pending') or (status = 'posting' and lease_until <= ${now}))
        and due_at <= ${now}
        and due_at >= ${dueSince}
        ${id === undefined ? sql`` : sql`and id = ${id}`}
      order by due_at, id
      limit ${limit}
      for update skip locked
    ) as due
    where s.id = due.id
    returning s.*`.execute(db);
  return result.rows;
}

export type LeasedChanges = Pick<
  Updateable<StandingsPostTable>,
  | 'channel_id'
  | 'message_ts'
  | 'file_id'
  | 'standings'
  | 'status'
  | 'failure_reason'
  | 'posted_at'
  | 'lease_until'
>;

/**
 * Changes a post only while this worker holds its lease: a replica that lost its lease (it was
 * too slow and another took over) changes nothing. Returns whether the row was still ours.
 */
export async function updateLeasedStandingsPost(
  db: Db,
  id: string,
  workerId: string,
  changes: LeasedChanges,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('standings_posts')
    .set({ ...changes, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'posting')
    .where('leased_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** True for exactly one caller per failure: whoever tells people about it. */
export async function claimFailureNotice(db: Db, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('standings_posts')
    .set({ failure_notified_at: now })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .where('failure_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function findStandingsPost(
  db: Db,
  teamId: number,
  weekStart: string,
): Promise<StandingsPost | undefined> {
  return db
    .selectFrom('standings_posts')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('week_start', '=', weekStart)
    .executeTakeFirst();
}

/**
 * An admin's re-run: the week's row made due now, as new (a failed or expired one is reset; one
 * that is missing is created). A posted row, or one a replica is posting right now, is left alone.
 * Unless the row knows its message is in Slack, it also forgets the channel and the standings its
 * last attempt kept: the re-run goes to the channel the team has now (the failure notice told the
 * admin to pick another one) with the figures as they are now. Whether people were told of a
 * failure is kept: the admin hears how the re-run went in the reply, and nobody is told the same
 * failure twice.
 */
export async function resetStandingsPost(
  db: Db,
  post: NewStandingsPost,
  now: Date,
): Promise<StandingsPost | undefined> {
  const unlessInSlack = (column: 'channel_id' | 'standings') =>
    sql<
      string | null
    >`case when standings_posts.message_ts is null then null else ${sql.ref(`standings_posts.${column}`)} end`;
  return db
    .insertInto('standings_posts')
    .values({ ...post, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc
        .columns(['team_id', 'week_start'])
        .doUpdateSet({
          status: 'pending',
          attempts: 0,
          lease_until: null,
          leased_by: null,
          failure_reason: null,
          channel_id: unlessInSlack('channel_id'),
          standings: unlessInSlack('standings'),
          due_at: post.due_at,
          updated_at: now,
        })
        .where((eb) =>
          eb.or([
            eb('standings_posts.status', '=', 'failed'),
            eb('standings_posts.status', '=', 'pending'),
            eb.and([
              eb('standings_posts.status', '=', 'posting'),
              eb('standings_posts.lease_until', '<=', now),
            ]),
          ]),
        ),
    )
    .returningAll()
    .executeTakeFirst();
}

/** The latest post of each of these teams when it failed: what their manager and admins see on the Home tab. */
export async function listFailedLatestStandingsPosts(
  db: Db,
  teamIds: readonly number[],
): Promise<StandingsPost[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .selectFrom('standings_posts')
    .selectAll()
    .distinctOn('team_id')
    .where('team_id', '=', anyOf(teamIds, 'integer'))
    .orderBy('team_id')
    .orderBy('week_start', 'desc')
    .execute();
  return rows.filter((row) => row.status === 'failed');
}
