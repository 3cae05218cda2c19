/** Exponential backoff with ±20 % jitter: 500 ms, 1 s, 2 s, … capped at `maxMs` (30 s). */
export function backoffDelay(
  failures: number,
  { initialMs = 500, maxMs = 30_000, random = Math.random } = {},
): number {
  const base = Math.min(maxMs, initialMs * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
