import { type Kysely, Migrator } from 'kysely';
import { migrations } from '../../migrations/index.js';
import type { Logger } from '../logger.js';

/**
 * Applies every pending migration. Kysely takes a Postgres advisory lock for the run, so several
 * replicas starting at once apply each migration exactly once and the others wait, then find nothing to do.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>, logger: Logger): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  for (const result of results ?? []) {
    if (result.status === 'Success') logger.info({ migration: result.migrationName }, 'migration applied');
    if (result.status === 'Error') logger.error({ migration: result.migrationName }, 'migration failed');
  }
  if (error !== undefined) {
    throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
  }
}
