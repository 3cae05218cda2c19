import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A process or a set of processes whose CPU time the bench follows, under one label. */
export interface CpuTarget {
  readonly label: string;
  /** Node services count in the per-stage "node total"; storage servers do not. */
  readonly kind: 'service' | 'server';
  readonly pids: () => readonly number[];
}

/** CPU time (ms) of every target at one moment. */
export interface CpuSnapshot {
  readonly atMs: number;
  readonly cpuMs: ReadonlyMap<string, number>;
}

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux). */
export const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU ticks of one process from /proc/<pid>/stat: utime + stime (all its threads) plus cutime +
 * cstime, the children it has reaped. For the postmaster that is every backend that exited, so a
 * connection closed during the run still counts; the delta over a window is what the window used.
 */
export function cpuTicksOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm) ": [0] is field 3 (state); utime, stime, cutime, cstime are 14–17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
  } catch {
    return 0; // the process is gone; its time moved to its parent's cutime
  }
}

/** Pids whose /proc/<pid>/comm is `name` (e.g. every `postgres` process, backends included). */
export function pidsNamed(name: string): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

/**
 * Pids of the Chroma server (`chroma run`: the npm package's server, whose process is named
 * `node`, so it is found by its command line).
 */
export function chromaPids(): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      return args.some((arg) => /chroma$/.test(arg)) && args.includes('run') ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

/** Reads every target's CPU time now. */
export function cpuSnapshot(targets: readonly CpuTarget[]): CpuSnapshot {
  const cpuMs = new Map<string, number>();
  for (const target of targets) {
    const ticks = target.pids().reduce((sum, pid) => sum + cpuTicksOf(pid), 0);
    cpuMs.set(target.label, (ticks * 1000) / CLOCK_TICKS);
  }
  return { atMs: performance.now(), cpuMs };
}

/** CPU ms each target used between two snapshots, and the wall time between them. */
export function cpuBetween(
  from: CpuSnapshot,
  to: CpuSnapshot,
): { wallMs: number; cpuMs: Map<string, number> } {
  const cpuMs = new Map<string, number>();
  for (const [label, ms] of to.cpuMs) cpuMs.set(label, ms - (from.cpuMs.get(label) ?? 0));
  return { wallMs: to.atMs - from.atMs, cpuMs };
}
