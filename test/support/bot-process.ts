import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(import.meta.dirname, '../..');

export interface BotProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the first JSON log line matching, or rejects after the timeout. */
  waitForLog(
    match: (entry: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code (or the signal's name) and how long the wait took. */
  waitForExit(timeoutMs?: number): Promise<{ code: number | string; waitedMs: number }>;
}

/**
 * The bot as a real operating-system process, the way `npm start` or a container runs it. Only the
 * variables given are passed (plus PATH and HOME), so nothing leaks in from the test's environment.
 */
export function spawnBot(env: Record<string, string>, options: { via?: 'node' | 'npm' } = {}): BotProcess {
  const command =
    options.via === 'npm'
      ? ['npm', ['start', '--silent']]
      : [process.execPath, ['--import', 'tsx', 'src/main.ts']];
  const child = spawn(command[0] as string, command[1] as string[], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a test can signal npm and everything it started, like Ctrl-C does.
    detached: options.via === 'npm',
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout.push(...chunk.split('\n').filter((line) => line.trim() !== ''));
    wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr.push(chunk);
    wake();
  });
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      resolve(code ?? signal ?? 'unknown');
      wake();
    });
  });

  const waitFor = <T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const attempt = () => {
        const found = check();
        if (found !== undefined) {
          cleanup();
          resolve(found);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          reject(
            new Error(
              `bot exited before ${what}\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('')}`,
            ),
          );
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(
          new Error(
            `timed out waiting for ${what}\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('')}`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(attempt);
      };
      waiters.add(attempt);
      attempt();
    });

  return {
    child,
    stdout,
    stderr,
    waitForLog: (match, timeoutMs = 20_000) =>
      waitFor(
        () => stdout.map(parseJsonLine).find((entry) => entry !== undefined && match(entry)),
        timeoutMs,
        'the expected log line',
      ),
    waitForStderr: (text, timeoutMs = 20_000) =>
      waitFor(
        () => (stderr.join('').includes(text) ? true : undefined),
        timeoutMs,
        `"${text}" on stderr`,
      ).then(() => undefined),
    waitForExit: async (timeoutMs = 15_000) => {
      const started = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const code = await Promise.race([
        exited,
        new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error(`bot did not exit within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]).finally(() => clearTimeout(timer));
      return { code, waitedMs: Date.now() - started };
    },
  };
}

function parseJsonLine(line: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Pids of PostgreSQL server processes whose command line names this data directory. */
export function postgresProcessesUsing(dataDir: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (command.includes('postgres') && command.includes(dataDir)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
