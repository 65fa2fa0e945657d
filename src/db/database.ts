import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

const DATE_OID = 1082;

/**
 * A local calendar date (a check-in's day, a commitment's due date) must stay '2026-11-23', not
 * become a JS Date at midnight in the server's zone, which would shift it for reps in other zones.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === DATE_OID) return (value: string) => value;
    // biome-ignore lint/suspicious/noExplicitAny: pg's own overloads are stricter than its runtime
    return (pg.types.getTypeParser as any)(oid, format);
  },
};

export interface DatabaseConnection {
  db: Db;
  close(): Promise<void>;
}

export function connectDatabase(url: string, logger: Logger): DatabaseConnection {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Fail fast instead of queueing forever while Postgres is down; callers retry or report.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    types,
  });
  // An idle client whose server went away (restart, failover) emits 'error' on the pool; without a
  // listener Node treats it as an uncaught exception and the whole bot dies.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  // A client checked out of the pool has no pool listener: if the server drops it mid-query, pg
  // rejects the query *and* emits 'error', which would crash the bot. The query's rejection is the
  // caller's to handle; this listener only keeps the event from becoming an uncaught exception.
  pool.on('connect', (client) => {
    client.on('error', (error) => logger.warn({ err: error }, 'database connection lost while in use'));
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, close: () => db.destroy() };
}

export async function isDatabaseReachable(db: Db, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const probe = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
