import { type ApiKeyLifecycle, apiKeyStateOf, type ApiKeyState } from './api-key-state.util';

const NOW = new Date('2026-12-02T10:00:00Z');
const BEFORE = new Date('2026-12-02T09:59:59Z');
const AFTER = new Date('2026-12-02T10:00:01Z');
const SUCCESSOR = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f';

const aKey = (overrides: Partial<ApiKeyLifecycle> = {}): ApiKeyLifecycle => ({
  expiresAt: null,
  revokedAt: null,
  replacedBy: null,
  graceUntil: null,
  ...overrides,
});

describe(apiKeyStateOf.name, () => {
  it.each<[string, ApiKeyState, ApiKeyLifecycle]>([
    ['a key without expiry', 'active', aKey()],
    ['a key expiring later', 'active', aKey({ expiresAt: AFTER })],
    ['a key at its expiry', 'expired', aKey({ expiresAt: NOW })],
    ['a key past its expiry', 'expired', aKey({ expiresAt: BEFORE })],
    ['a revoked key', 'revoked', aKey({ revokedAt: BEFORE })],
    ['a revoked, expired key', 'revoked', aKey({ revokedAt: BEFORE, expiresAt: BEFORE })],
    ['a rotated key in its grace', 'grace', aKey({ replacedBy: SUCCESSOR, graceUntil: AFTER })],
    ['a rotated key at grace end', 'rotated', aKey({ replacedBy: SUCCESSOR, graceUntil: NOW })],
    [
      'a rotated key that expired during its grace',
      'rotated',
      aKey({ replacedBy: SUCCESSOR, graceUntil: AFTER, expiresAt: BEFORE }),
    ],
    [
      'a rotated key revoked in its grace',
      'revoked',
      aKey({ replacedBy: SUCCESSOR, graceUntil: AFTER, revokedAt: BEFORE }),
    ],
  ])('%s is %s', (_case, state, key) => {
    expect(apiKeyStateOf(key, NOW)).toBe(state);
  });
});
