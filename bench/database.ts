// The benchmarks' own database: created for one run and removed after it.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { createLogger } from '../src/logger.js';

/** Where the database's CPU time can be read: the embedded server's process tree, if we run it. */
export interface DatabaseProcesses {
  postmasterPid: number | undefined;
}

export interface BenchDatabase {
  url: string;
  description: string;
  processes: DatabaseProcesses;
  drop(): Promise<void>;
}

/**
 * A database of our own: a new one on DATABASE_URL's server, or an embedded server in a temp dir.
 * `benchmark` names it ('fanout' → fanout_bench_…), so a leftover of a killed run says whose it is.
 */
export async function createBenchDatabase(benchmark: string): Promise<BenchDatabase> {
  const configured = process.env.DATABASE_URL?.trim();
  if (configured) {
    const name = `${benchmark}_bench_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: configured });
    await admin.connect();
    await admin.query(`create database ${admin.escapeIdentifier(name)}`);
    await admin.end();
    const url = new URL(configured);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      description: `new database ${name} on DATABASE_URL's server (dropped at the end)`,
      processes: { postmasterPid: undefined },
      drop: async () => {
        const client = new pg.Client({ connectionString: configured });
        await client.connect();
        await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
        await client.end();
      },
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `${benchmark}-bench-`));
  let embedded: EmbeddedDatabase;
  try {
    embedded = await startEmbeddedPostgres({
      dataDir,
      logger: createLogger({ level: 'silent', secrets: [] }),
      databaseName: 'bench',
    });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const pidLine = (await readFile(path.join(embedded.clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0];
  return {
    url: embedded.url,
    description: `embedded PostgreSQL in ${dataDir} (DATABASE_URL unset; removed at the end)`,
    processes: { postmasterPid: Number(pidLine) },
    drop: async () => {
      await embedded.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
