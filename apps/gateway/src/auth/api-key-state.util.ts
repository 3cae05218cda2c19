/** Where a key is in its life, as listed (see {@link apiKeyStateOf}). */
export const API_KEY_STATES = ['active', 'grace', 'rotated', 'expired', 'revoked'] as const;
export type ApiKeyState = (typeof API_KEY_STATES)[number];

/** The lifecycle columns of a key that decide its state. */
export interface ApiKeyLifecycle {
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly replacedBy: string | null;
  readonly graceUntil: Date | null;
}

/**
 * A key's state at `now`: `revoked` wins; a replaced key is in `grace` (its secret still works)
 * until `graceUntil`, then `rotated`; otherwise `expired` from `expiresAt` on, else `active`.
 * The same rule as the authenticating query, so a listed state says whether the secret works.
 */
export function apiKeyStateOf(key: ApiKeyLifecycle, now: Date): ApiKeyState {
  if (key.revokedAt !== null) return 'revoked';
  const expired = key.expiresAt !== null && key.expiresAt <= now;
  if (key.replacedBy !== null) {
    return key.graceUntil !== null && key.graceUntil > now && !expired ? 'grace' : 'rotated';
  }
  return expired ? 'expired' : 'active';
}

/** Whether a key in this state authenticates. */
export const isUsableState = (state: ApiKeyState): boolean =>
  state === 'active' || state === 'grace';
