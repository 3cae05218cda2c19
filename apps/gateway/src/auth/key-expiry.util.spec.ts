import { RequestValidationError } from '../http/problem/problem.errors';
import { keyExpiryOf } from './key-expiry.util';

const NOW = new Date('2026-12-02T10:00:00Z');

describe(keyExpiryOf.name, () => {
  it('takes no expiry, an instant in the future, or a time to live', () => {
    expect(keyExpiryOf({}, NOW)).toEqual({ expiresAt: null, ttlSeconds: null });
    expect(keyExpiryOf({ expiresAt: '2027-01-01T00:00:00Z' }, NOW)).toEqual({
      expiresAt: new Date('2027-01-01T00:00:00Z'),
      ttlSeconds: null,
    });
    expect(keyExpiryOf({ ttlSeconds: 3_600 }, NOW)).toEqual({ expiresAt: null, ttlSeconds: 3_600 });
  });

  it.each([
    ['both', { expiresAt: '2027-01-01T00:00:00Z', ttlSeconds: 60 }, 'ttlSeconds'],
    ['now', { expiresAt: NOW.toISOString() }, 'expiresAt'],
    ['the past', { expiresAt: '2026-12-01T10:00:00+02:00' }, 'expiresAt'],
  ])('refuses %s, naming the field', (_case, input, path) => {
    let thrown: unknown;
    try {
      keyExpiryOf(input, NOW);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RequestValidationError);
    expect((thrown as RequestValidationError).errors).toEqual([expect.objectContaining({ path })]);
  });
});
