import { ConfigError, loadConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { openDatabase } from './open.js';

/** `npm run db:migrate`: apply pending migrations to DATABASE_URL, or to the embedded database. */
async function migrateCommand(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
  try {
    const database = await openDatabase(config, logger);
    await database.close();
    logger.info({ database: database.description }, 'database is up to date');
  } finally {
    logger.flush();
  }
}

migrateCommand().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.describe() : (error as Error).message}\n`);
  process.exitCode = 1;
});
