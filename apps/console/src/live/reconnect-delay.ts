/**
 * How long to wait before reconnecting the live view after `failures` failed tries in a row:
 * doubling from 500 ms to a 10 s ceiling, so a restarted gateway is found again within seconds
 * without a tab hammering one that is down. `jitter` (0–1) spreads many tabs apart.
 */
export function reconnectDelayMs(failures: number, jitter: number): number {
  const base = Math.min(10_000, 500 * 2 ** Math.max(0, failures));
  return Math.round(base * (0.75 + 0.5 * Math.min(1, Math.max(0, jitter))));
}
