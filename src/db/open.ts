import type { Config } from '../config.js';
import { componentLogger, type Logger } from '../logger.js';
import { connectDatabase, type Db } from './database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { migrateToLatest } from './migrate.js';

export interface OpenDatabase {
  db: Db;
  /** Where the data lives, for people: "DATABASE_URL" or the embedded server's directory. */
  description: string;
  /** Closes the pool, then stops the embedded server if this started one. */
  close(): Promise<void>;
}

/**
 * The database the configuration names, migrated to the latest schema: DATABASE_URL, or (unset) the
 * embedded PostgreSQL in DATA_DIR. The bot and every command-line tool open it the same way.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  logger: Logger,
): Promise<OpenDatabase> {
  const embedded =
    config.databaseUrl === undefined
      ? await startEmbeddedPostgres({
          dataDir: config.dataDir,
          logger: componentLogger(logger, 'embedded-postgres'),
        })
      : undefined;
  const connection = connectDatabase(
    config.databaseUrl ?? embedded?.url ?? '',
    componentLogger(logger, 'db'),
  );
  const close = async () => {
    try {
      await connection.close();
    } finally {
      await embedded?.stop();
    }
  };
  try {
    await migrateToLatest(connection.db, componentLogger(logger, 'migrations'));
  } catch (error) {
    await close();
    throw error;
  }
  return {
    db: connection.db,
    description: embedded ? `embedded PostgreSQL in ${embedded.clusterDir}` : 'DATABASE_URL',
    close,
  };
}
