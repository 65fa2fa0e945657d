import { sql } from 'kysely';
import type { Db } from '../database.js';
import type { Team, TeamUpdate } from '../schema.js';
import { anyOf } from './any-of.js';

/** Team names are matched without regard to case, so "emea" finds "EMEA". */
export async function findTeamByName(db: Db, workspaceId: string, name: string): Promise<Team | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

export async function findTeamById(db: Db, teamId: number): Promise<Team | undefined> {
  return db.selectFrom('teams').selectAll().where('id', '=', teamId).executeTakeFirst();
}

/** The team a manager leads (the oldest one when they lead several). */
export async function findTeamManagedBy(db: Db, managerId: number): Promise<Team | undefined> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('manager_id', '=', managerId)
    .orderBy('id')
    .executeTakeFirst();
}

export async function insertTeam(db: Db, workspaceId: string, name: string, now: Date): Promise<Team> {
  return db
    .insertInto('teams')
    .values({ workspace_id: workspaceId, name, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateTeam(
  db: Db,
  teamId: number,
  changes: Omit<TeamUpdate, 'id' | 'workspace_id' | 'created_at' | 'updated_at'>,
  now: Date,
): Promise<Team> {
  return db
    .updateTable('teams')
    .set({ ...changes, updated_at: now })
    .where('id', '=', teamId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listTeams(db: Db, workspaceId: string): Promise<Team[]> {
  return db
    .selectFrom('teams')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy(sql`lower(name)`)
    .execute();
}

export async function findTeamsByIds(db: Db, ids: readonly number[]): Promise<Team[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('teams').selectAll().where('id', '=', anyOf(ids, 'integer')).execute();
}
