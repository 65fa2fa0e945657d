import { Kysely, Migrator, NO_MIGRATIONS, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import type { Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, useTestDatabase } from '../support/database.js';

const silent = createLogger({ level: 'silent', secrets: [] });

describe('migrations', () => {
  const database = useTestDatabase();

  it('create the foundation tables', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`.execute(
      database.current.db,
    );
    expect(tables.rows.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        'people',
        'processed_slack_events',
        'slack_installations',
        'teams',
        'workspaces',
      ]),
    );
  });

  it('are named by date so they sort in the order they apply', () => {
    const names = Object.keys(migrations);
    expect(names.every((name) => /^\d{4}-\d{2}-\d{2}T\d{4}-[a-z0-9-]+$/.test(name))).toBe(true);
    expect([...names].sort()).toEqual(names);
  });

  it('apply once when several replicas migrate the same empty database at the same moment', async () => {
    const fresh = await createTestDatabase();
    // createTestDatabase migrated it already: roll back to empty first, then race three "replicas".
    await sql`drop schema public cascade; create schema public`.execute(fresh.db);
    const replicas: Db[] = [1, 2, 3].map(
      () =>
        new Kysely({
          dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: fresh.url, max: 2 }) }),
        }),
    );
    try {
      await Promise.all(replicas.map((db) => migrateToLatest(db, silent)));
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(fresh.db);
      expect(applied.rows.map((row) => row.name)).toEqual(Object.keys(migrations));
    } finally {
      await Promise.all(replicas.map((db) => db.destroy()));
      await fresh.drop();
    }
  });

  it('roll all the way down to an empty schema and up again', async () => {
    const fresh = await createTestDatabase();
    const migrator = new Migrator({ db: fresh.db, provider: { getMigrations: async () => migrations } });
    const publicTables = async () =>
      (
        await sql<{ table_name: string }>`
          select table_name from information_schema.tables
          where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(
          fresh.db,
        )
      ).rows.map((row) => row.table_name);
    try {
      const before = await publicTables();
      const down = await migrator.migrateTo(NO_MIGRATIONS);
      expect(down.error).toBeUndefined();
      expect(await publicTables()).toEqual([]);
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      expect(await publicTables()).toEqual(before);
    } finally {
      await fresh.drop();
    }
  });

  it('keep local dates as text so a rep’s calendar day never shifts with the server zone', async () => {
    const result = await sql<{ day: string }>`select date '2026-03-29' as day`.execute(database.current.db);
    expect(result.rows[0]?.day).toBe('2026-03-29');
  });

  it('enforce that a person is not their own manager', async () => {
    await database.current.db.insertInto('workspaces').values({ id: 'T1' }).execute();
    const person = await database.current.db
      .insertInto('people')
      .values({ workspace_id: 'T1', slack_user_id: 'U1' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await expect(
      database.current.db
        .updateTable('people')
        .set({ manager_id: person.id })
        .where('id', '=', person.id)
        .execute(),
    ).rejects.toThrow(/people_not_own_manager/);
  });
});
