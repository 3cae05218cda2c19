import { InvalidArgumentError } from 'commander';

const UNIT_S: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3_600, d: 86_400, w: 604_800 };

/** commander parser for a duration in whole seconds: `90d`, `12h`, `30m`, `45s`, `2w` or `3600`. */
export function parseDuration(value: string): number {
  const match = /^(\d{1,9})([smhdw])?$/.exec(value.trim());
  const seconds = match === null ? NaN : Number(match[1]) * (UNIT_S[match[2] ?? 's'] ?? NaN);
  if (!Number.isSafeInteger(seconds)) {
    throw new InvalidArgumentError(
      'expected a duration like 90d, 12h, 30m, 45s or 3600 (seconds).',
    );
  }
  return seconds;
}
