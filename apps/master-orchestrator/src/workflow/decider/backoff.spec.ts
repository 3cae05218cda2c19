import { retryDelayMs } from './backoff';

describe(retryDelayMs.name, () => {
  const policy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 5_000, timeoutMs: 1 };

  it.each([
    [1, 500, 1_000],
    [2, 1_000, 2_000],
    [3, 2_000, 4_000],
    [4, 2_500, 5_000],
    [9, 2_500, 5_000],
  ])('after failure %i waits between %i and %i ms', (failures, min, max) => {
    for (const key of ['a', 'b', 'c', 'd']) {
      const delay = retryDelayMs(policy, failures, key);
      expect(delay).toBeGreaterThanOrEqual(min);
      expect(delay).toBeLessThanOrEqual(max);
    }
  });

  it('jitters across keys but repeats for the same key', () => {
    const delays = ['a', 'b', 'c', 'd', 'e'].map((key) => retryDelayMs(policy, 3, key));
    expect(new Set(delays).size).toBeGreaterThan(1);
    expect(retryDelayMs(policy, 3, 'a')).toBe(delays[0]);
  });
});
