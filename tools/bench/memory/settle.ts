import { setTimeout as sleep } from 'node:timers/promises';
import { chromaPids, CLOCK_TICKS, cpuTicksOf, pidsNamed } from '../workflow/proc-cpu';

/**
 * Waits until Chroma and Postgres together use under `threshold` of a core over a 2 s window (or
 * `maxMs` passed), so searches are timed in a memory's steady state, not while the servers still
 * digest the bulk load (Chroma folding its log into the index, Postgres's autovacuum). Returns
 * how long it waited and the last window's use, for the report.
 */
export async function waitForQuietServers(
  threshold = 0.05,
  maxMs = 180_000,
): Promise<{ waitedMs: number; lastShare: number }> {
  const started = Date.now();
  const ticks = () =>
    [...chromaPids(), ...pidsNamed('postgres')].reduce((sum, pid) => sum + cpuTicksOf(pid), 0);
  let share = Number.POSITIVE_INFINITY;
  while (Date.now() - started < maxMs) {
    const before = ticks();
    const at = Date.now();
    await sleep(2_000);
    share = (ticks() - before) / CLOCK_TICKS / ((Date.now() - at) / 1000);
    if (share < threshold) break;
  }
  return { waitedMs: Date.now() - started, lastShare: share };
}
