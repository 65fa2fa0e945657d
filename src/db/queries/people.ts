import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { Person, PersonUpdate } from '../schema.js';
import { anyOf } from './any-of.js';

export async function findPersonBySlackId(
  db: Db,
  workspaceId: string,
  slackUserId: string,
): Promise<Person | undefined> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('slack_user_id', '=', slackUserId)
    .executeTakeFirst();
}

export async function findPersonById(db: Db, personId: number): Promise<Person | undefined> {
  return db.selectFrom('people').selectAll().where('id', '=', personId).executeTakeFirst();
}

export async function findPeopleByIds(db: Db, ids: readonly number[]): Promise<Person[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('people').selectAll().where('id', '=', anyOf(ids, 'integer')).execute();
}

/** Display names by Slack user id, for the ids of people the workspace's rows know; one query. */
export async function findDisplayNames(
  db: Db,
  workspaceId: string,
  slackUserIds: readonly string[],
): Promise<Map<string, string>> {
  if (slackUserIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('people')
    .select(['slack_user_id', 'display_name'])
    .where('workspace_id', '=', workspaceId)
    .where('slack_user_id', '=', anyOf(slackUserIds, 'text'))
    .execute();
  return new Map(rows.map((row) => [row.slack_user_id, row.display_name]));
}

/** What Slack says about a user, kept on the person's row. */
export interface SlackProfile {
  workspaceId: string;
  slackUserId: string;
  displayName: string;
  email: string | null;
  timezone: string | null;
  /**
   * A Slack workspace admin or owner, who is an admin of the bot. Only ever grants: false leaves
   * is_admin as it is, so an admin made with `/coach admin` stays one.
   */
  workspaceAdmin?: boolean;
}

/**
 * The person for a Slack user, created on first sight; an existing row gets the fresh profile and
 * keeps its roles and settings. `updated_at` moves only when the profile did: the prompt tick reads it
 * as "something changed since the prompt time", and a daily look that found nothing new is not that.
 * The admin flag is set in the same statement as profile_checked_at: a row that says it was just
 * checked is trusted about is_admin without asking Slack, so the two must never disagree.
 */
export async function upsertPerson(db: Db, profile: SlackProfile, now: Date): Promise<Person> {
  return db
    .insertInto('people')
    .values({
      workspace_id: profile.workspaceId,
      slack_user_id: profile.slackUserId,
      display_name: profile.displayName,
      email: profile.email,
      timezone: profile.timezone,
      is_admin: profile.workspaceAdmin === true,
      profile_checked_at: now,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'slack_user_id']).doUpdateSet((eb) => ({
        display_name: eb.ref('excluded.display_name'),
        email: eb.ref('excluded.email'),
        timezone: eb.ref('excluded.timezone'),
        is_admin: sql<boolean>`people.is_admin or excluded.is_admin`,
        profile_checked_at: now,
        updated_at: sql<Date>`case when (people.display_name, people.email, people.timezone)
          is distinct from (excluded.display_name, excluded.email, excluded.timezone)
          or (excluded.is_admin and not people.is_admin)
          then ${now}::timestamptz else people.updated_at end`,
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * Makes a Slack user an admin without asking Slack about them. A row created here carries the user
 * id as its name and no profile check, which puts it first in line for the profile refresh; a known
 * person keeps their name, profile and other roles.
 */
export async function upsertAdmin(
  db: Db,
  workspaceId: string,
  slackUserId: string,
  now: Date,
): Promise<Person> {
  return db
    .insertInto('people')
    .values({
      workspace_id: workspaceId,
      slack_user_id: slackUserId,
      display_name: slackUserId,
      is_admin: true,
      profile_checked_at: null,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'slack_user_id']).doUpdateSet({
        is_admin: true,
        updated_at: sql<Date>`case when people.is_admin then people.updated_at else ${now}::timestamptz end`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updatePerson(
  db: Db,
  personId: number,
  changes: Omit<PersonUpdate, 'id' | 'workspace_id' | 'slack_user_id' | 'created_at' | 'updated_at'>,
  now: Date,
): Promise<Person> {
  return db
    .updateTable('people')
    .set({ ...changes, updated_at: now })
    .where('id', '=', personId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Reps of a team who report to nobody get this manager; returns how many. */
export async function assignManagerToUnmanagedReps(
  db: Db,
  teamId: number,
  managerId: number,
  now: Date,
): Promise<number> {
  const result = await db
    .updateTable('people')
    .set({ manager_id: managerId, updated_at: now })
    .where('team_id', '=', teamId)
    .where('is_rep', '=', true)
    .where('manager_id', 'is', null)
    .where('id', '<>', managerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The reps who report to a manager, by name. */
export async function listReportsOf(db: Db, managerId: number): Promise<Person[]> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('manager_id', '=', managerId)
    .where('is_rep', '=', true)
    .orderBy(sql`lower(display_name)`)
    .orderBy('id')
    .execute();
}

/** Whether any rep reports to this person: such a person gets the manager digest. */
export async function hasReports(db: Db, managerId: number): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('manager_id', '=', managerId)
    .where('is_rep', '=', true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A workspace's reps by name: the first `limit` of them, and how many there are in all (a menu that
 * holds only so many says so).
 */
export async function listWorkspaceRepsByName(
  db: Db,
  workspaceId: string,
  limit: number,
): Promise<{ reps: Person[]; total: number }> {
  // One query: the window count is taken before the limit, so it counts every rep of the workspace.
  const rows = await db
    .selectFrom('people')
    .selectAll()
    .select(sql<string>`count(*) over ()`.as('total'))
    .where('is_rep', '=', true)
    .where('workspace_id', '=', workspaceId)
    .orderBy(sql`lower(display_name)`)
    .orderBy('id')
    .limit(limit)
    .execute();
  return {
    reps: rows.map(({ total: _total, ...person }) => person),
    total: Number(rows[0]?.total ?? 0),
  };
}

/**
 * The other reps a rep is compared with ("6 of 8 teammates have answered"): their team, or without a
 * team, their manager's other reps.
 */
export async function listTeammateIds(db: Db, rep: Person): Promise<number[]> {
  let query = db.selectFrom('people').select('id').where('is_rep', '=', true).where('id', '<>', rep.id);
  if (rep.team_id !== null) query = query.where('team_id', '=', rep.team_id);
  else if (rep.manager_id !== null) query = query.where('manager_id', '=', rep.manager_id);
  else return [];
  return (await query.execute()).map((row) => row.id);
}

/** Everyone in the workspace who holds a role (rep, manager or admin), by name. */
export async function listRosterPeople(db: Db, workspaceId: string): Promise<Person[]> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('is_rep', '=', true), eb('is_manager', '=', true), eb('is_admin', '=', true)]))
    .orderBy(sql`lower(display_name)`)
    .orderBy('id')
    .execute();
}

export async function listAdmins(db: Db, workspaceId: string): Promise<Person[]> {
  return db
    .selectFrom('people')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('is_admin', '=', true)
    .orderBy('id')
    .execute();
}

/**
 * Claims up to `limit` people of installed workspaces whose Slack profile was last checked before
 * `staleBefore` (or never), oldest first. The claim moves their check time to `retryAt`, so other
 * replicas skip them, and a check that never completes comes round again at `retryAt`, not at once.
 */
export async function claimProfilesToCheck(
  db: Db,
  options: { staleBefore: Date; retryAt: Date; limit: number },
): Promise<Person[]> {
  return db
    .updateTable('people')
    .set({ profile_checked_at: options.retryAt })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('people as p')
        .innerJoin('workspaces as w', 'w.id', 'p.workspace_id')
        .select('p.id')
        .where('w.uninstalled_at', 'is', null)
        .where((inner) =>
          inner.or([
            inner('p.is_rep', '=', true),
            inner('p.is_manager', '=', true),
            inner('p.is_admin', '=', true),
          ]),
        )
        .where((inner) =>
          inner.or([
            inner('p.profile_checked_at', 'is', null),
            inner('p.profile_checked_at', '<', options.staleBefore),
          ]),
        )
        .orderBy(sql`p.profile_checked_at asc nulls first`)
        .orderBy('p.id')
        .limit(options.limit)
        .forUpdate('p')
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/** Whether the workspace has any rep at all, for the first-setup checklist: stops at the first one. */
export async function workspaceHasRep(db: Db, workspaceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('people')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('is_rep', '=', true)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
