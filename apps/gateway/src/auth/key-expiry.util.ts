import { RequestValidationError } from '../http/problem/problem.errors';

/** A requested expiry, for SQL: an instant, or seconds after the database's `now()`, or neither. */
export interface KeyExpiry {
  readonly expiresAt: Date | null;
  readonly ttlSeconds: number | null;
}

/**
 * Checks what the validation pipe cannot see field by field: expiresAt and ttlSeconds are
 * alternatives, and an expiry must be in the future (a key dead on arrival is a mistake).
 */
export function keyExpiryOf(
  input: { readonly expiresAt?: string; readonly ttlSeconds?: number },
  now: Date,
): KeyExpiry {
  const { expiresAt, ttlSeconds } = input;
  if (expiresAt !== undefined && ttlSeconds !== undefined) {
    throw new RequestValidationError([
      { path: 'ttlSeconds', message: 'give expiresAt or ttlSeconds, not both' },
    ]);
  }
  if (expiresAt === undefined) return { expiresAt: null, ttlSeconds: ttlSeconds ?? null };
  const at = new Date(expiresAt);
  if (!(at > now)) {
    throw new RequestValidationError([
      { path: 'expiresAt', message: `must be in the future (it is ${now.toISOString()} now)` },
    ]);
  }
  return { expiresAt: at, ttlSeconds: null };
}
