import { readFileSync } from 'node:fs';

/** Peak resident set size of a live process in MiB (the kernel's high-water mark, VmHWM). */
export function peakRssMiB(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
