// The benchmarks' child processes (apps, the bot, the Slack stand-in): started, watched, stopped.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

export interface Target<Role extends string> {
  role: Role;
  child: ChildProcess;
  port: number;
  apiUrl?: string;
  /** Last lines the child wrote on stderr, shown when it fails. */
  stderrTail: string[];
}

/**
 * Starts `node <args>` and resolves once the child prints its ready line, a JSON object with its
 * `port` (and the stand-in's `apiUrl`).
 */
export function startTarget<Role extends string>(
  role: Role,
  args: string[],
  env: Record<string, string>,
): Promise<Target<Role>> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 30) stderrTail.shift();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${role} did not start within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${role} exited (${signal ?? code}) before listening:\n${stderrTail.join('\n')}`));
    });
    // Bolt's console logger may write on stdout too; the port is the first line that is our JSON.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const ready = parseReadyLine(line);
      if (!ready) return;
      clearTimeout(timer);
      resolve({ role, child, stderrTail, ...ready });
    });
  });
}

function parseReadyLine(line: string): { port: number; apiUrl?: string } | undefined {
  try {
    const parsed = JSON.parse(line) as { port?: unknown; apiUrl?: unknown };
    if (typeof parsed.port !== 'number') return undefined;
    return { port: parsed.port, ...(typeof parsed.apiUrl === 'string' ? { apiUrl: parsed.apiUrl } : {}) };
  } catch {
    return undefined;
  }
}

/** BENCH_CPU_PROF_DIR=<dir> writes a V8 CPU profile of each process started with these flags there. */
export function cpuProfileFlags(): string[] {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  return profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
}

export function isRunning(target: Target<string>): boolean {
  return target.child.exitCode === null && target.child.signalCode === null;
}

/** SIGTERM, then SIGKILL after 15 s; a child that does not exit 0 fails the benchmark. */
export async function stopTarget(target: Target<string>): Promise<void> {
  const { child } = target;
  if (!isRunning(target)) return;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  const stoppedInTime = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS, false)]);
  if (!stoppedInTime) {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`${target.role} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s and was killed`);
  }
  const code = await exited;
  if (code !== 0) {
    throw new Error(`${target.role} stopped with exit code ${code}:\n${target.stderrTail.join('\n')}`);
  }
}

export function assertAlive(target: Target<string>): void {
  if (!isRunning(target)) {
    throw new Error(`${target.role} died during the benchmark:\n${target.stderrTail.join('\n')}`);
  }
}

/**
 * What a benchmark must undo, in reverse order of setting up: stopping children, dropping databases,
 * removing directories. A failed step is reported and fails the run but does not skip the others;
 * Ctrl-C runs the same steps before exiting.
 */
export function cleanUpStack(): {
  push: (name: string, run: () => Promise<void>) => void;
  cleanUp: () => Promise<void>;
} {
  const steps: Array<{ name: string; run: () => Promise<void> }> = [];
  const cleanUp = async () => {
    for (const step of steps.splice(0).reverse()) {
      await step.run().catch((error: unknown) => {
        process.stderr.write(`clean-up step "${step.name}" failed: ${String(error)}\n`);
        process.exitCode = 1;
      });
    }
  };
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  return { push: (name, run) => steps.push({ name, run }), cleanUp };
}
