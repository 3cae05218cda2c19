import { reconnectDelayMs } from './reconnect-delay';

describe(reconnectDelayMs.name, () => {
  it('doubles from 500 ms up to a 10 s ceiling', () => {
    expect([0, 1, 2, 3, 4, 5, 9].map((n) => reconnectDelayMs(n, 0.5))).toEqual([
      500, 1000, 2000, 4000, 8000, 10_000, 10_000,
    ]);
  });

  it('spreads tabs by ±25 % and ignores out-of-range jitter', () => {
    expect(reconnectDelayMs(1, 0)).toBe(750);
    expect(reconnectDelayMs(1, 1)).toBe(1250);
    expect(reconnectDelayMs(1, 7)).toBe(1250);
  });
});
