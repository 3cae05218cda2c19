import { retryAfterMs } from './retry-after';

const headers = (entries: Record<string, string>) => new Headers(entries);

describe(retryAfterMs.name, () => {
  it.each([
    [{ 'retry-after-ms': '1500' }, 1_500],
    [{ 'retry-after': '7' }, 7_000],
    [{ 'retry-after': '0.25' }, 250],
    [{ 'retry-after-ms': '20', 'retry-after': '9' }, 20],
    [{ 'retry-after': 'soon' }, undefined],
    [{ 'retry-after': '-3' }, undefined],
    [{}, undefined],
  ])('reads %j as %p ms', (entries, expected) => {
    expect(retryAfterMs(headers(entries))).toBe(expected);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' }), now)).toBe(
      30_000,
    );
  });

  it('is undefined without headers', () => {
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
