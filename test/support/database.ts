import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { connectDatabase, type Db } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';

export interface TestDatabase {
  /** Connection URL of this file's own database. */
  url: string;
  db: Db;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function onServer<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * A pool's end() resolves before the server has seen all of its connections go. Dropping the database
 * "with (force)" at that moment terminated a backend whose client was still closing, and that client
 * threw 57P01 ("terminating connection due to administrator command") with no one listening: an
 * unhandled error that failed the whole run (seen once in `.ci/run`, after test/db/migrations.test.ts).
 * So the drop waits, briefly, for the sessions to end on their own; force is only the last resort.
 */
async function waitForSessionsToEnd(client: pg.Client, database: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { rows } = await client.query<{ sessions: string }>(
      'select count(*) as sessions from pg_stat_activity where datname = $1',
      [database],
    );
    if (Number(rows[0]?.sessions ?? 0) === 0 || Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A fresh database with the real migrations applied; one per test file (graphile-worker's habit). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `coach_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onServer(adminUrl, (client) => client.query(`create database ${client.escapeIdentifier(name)}`));
  const url = withDatabase(adminUrl, name);
  const logger = createLogger({ level: 'silent', secrets: [] });
  const connection = connectDatabase(url, logger);
  await migrateToLatest(connection.db, logger);
  return {
    url,
    db: connection.db,
    drop: async () => {
      await connection.close();
      await onServer(adminUrl, async (client) => {
        await waitForSessionsToEnd(client, name);
        await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
      });
    },
  };
}

/** A fresh database for the whole test file, dropped after it; read `.current` inside tests and hooks. */
export function useTestDatabase(): { readonly current: TestDatabase } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });
  return {
    get current(): TestDatabase {
      if (database === undefined) throw new Error('the test database exists only inside tests and hooks');
      return database;
    },
  };
}
