// What the benchmarks read about the machine (/proc), and how they print figures.
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import os from 'node:os';

/** USER_HZ: the unit of the tick counts in /proc/stat and /proc/<pid>/stat. */
const CLOCK_TICKS_PER_SECOND =
  Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** CPU seconds all cores together spent on anything but idle and I/O wait since boot. */
export async function machineBusySeconds(): Promise<number> {
  const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return (
    ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) /
    CLOCK_TICKS_PER_SECOND
  );
}

export interface ProcStat {
  pid: number;
  ppid: number;
  /** User and system time so far. */
  cpuSeconds: number;
}

/**
 * A process's parent and CPU time, from /proc/<pid>/stat; undefined once it is gone. With `thread`, the
 * CPU time of that one thread (the process's own id names its main thread).
 */
export async function procStat(pid: number, thread?: number): Promise<ProcStat | undefined> {
  const path = thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`;
  const stat = await readFile(path, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // Fields after the command name (which may hold spaces): ppid is the 4th, utime and stime the 14th and 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    ppid: Number(fields[1]),
    cpuSeconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND,
  };
}

export async function cpuModel(): Promise<string> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  return /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown CPU';
}

/** 10,000: whole counts as they are printed. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** How a goal line ends. */
export function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

export function fmt(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : '-';
}

/** Seconds since a performance.now() reading, for progress lines. */
export function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1);
}

/** A whole number ≥ 1 from the environment (a benchmark's knob), or `fallback` when unset. */
export function settingFromEnv(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a whole number ≥ 1, got ${raw}`);
  return value;
}
