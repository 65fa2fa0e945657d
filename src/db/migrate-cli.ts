import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { connectDatabase } from './database.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { migrateToLatest } from './migrate.js';

/** `npm run db:migrate`: apply pending migrations to DATABASE_URL, or to the embedded database. */
async function migrateCommand(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
  const embedded =
    config.databaseUrl === undefined
      ? await startEmbeddedPostgres({ dataDir: config.dataDir, logger })
      : undefined;
  const database = connectDatabase(config.databaseUrl ?? embedded?.url ?? '', logger);
  try {
    await migrateToLatest(database.db, logger);
    logger.info('database is up to date');
  } finally {
    await database.close();
    await embedded?.stop();
    logger.flush();
  }
}

migrateCommand().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.describe() : (error as Error).message}\n`);
  process.exitCode = 1;
});
