import { backoffDelay } from './backoff-delay.util';

describe(backoffDelay.name, () => {
  const noJitter = { random: () => 0.5 };

  it('doubles from 500 ms per consecutive failure', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, noJitter))).toEqual([500, 1000, 2000, 4000]);
  });

  it('is capped at 30 s', () => {
    expect(backoffDelay(50, noJitter)).toBe(30_000);
  });

  it('spreads replicas apart by ±20 %', () => {
    expect(backoffDelay(2, { random: () => 0 })).toBe(800);
    expect(backoffDelay(2, { random: () => 1 })).toBe(1200);
  });
});
