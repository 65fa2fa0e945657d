import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { createLogger } from '../../src/logger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection URL with the right to CREATE DATABASE; each test file makes its own database there. */
    adminDatabaseUrl: string;
  }
}

/**
 * With DATABASE_URL set (CI), tests use that server; without it they start the same embedded
 * PostgreSQL the bot uses, in a temporary directory that is removed afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured) {
    project.provide('adminDatabaseUrl', configured);
    return async () => undefined;
  }
  const dataDir = await mkdtemp(path.join(tmpdir(), 'coach-test-pg-'));
  const embedded = await startEmbeddedPostgres({
    dataDir,
    logger: createLogger({ level: 'warn', secrets: [] }),
    databaseName: 'postgres',
  });
  project.provide('adminDatabaseUrl', embedded.adminUrl);
  return async () => {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
