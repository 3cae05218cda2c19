import { readFileSync } from 'node:fs';

const statusKiB = (pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number => {
  if (pid === undefined) return NaN;
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match?.[1] ? Number(match[1]) : NaN;
  } catch {
    return NaN;
  }
};

/** Peak resident set size of a live process in MiB (the kernel's high-water mark, VmHWM). */
export const peakRssMiB = (pid: number | undefined): number => statusKiB(pid, 'VmHWM') / 1024;

/** Resident set size of a live process now, in bytes (VmRSS). */
export const rssBytes = (pid: number | undefined): number => statusKiB(pid, 'VmRSS') * 1024;
