import {
  intervalUsOf,
  rateLimitHeadersOf,
  rateLimitStatusOf,
  type RateStep,
} from './rate-limit-status.util';

const S = 1_000_000;
// 60 a minute: one request costs a second; 10 at once.
const aStep = (step: Partial<RateStep>): RateStep => ({
  allowed: true,
  tatUs: 0,
  nowUs: 0,
  intervalUs: S,
  burst: 10,
  ...step,
});

/** What the database would store and answer: the GCRA rule the SQL implements, for the table. */
function gcra(tatUs: number, nowUs: number, intervalUs: number, burst: number): RateStep {
  const start = Math.max(tatUs, nowUs);
  const allowed = start - nowUs <= (burst - 1) * intervalUs;
  return { allowed, tatUs: allowed ? start + intervalUs : tatUs, nowUs, intervalUs, burst };
}

describe(rateLimitStatusOf.name, () => {
  it.each([
    // [arrival time ahead of now (µs), remaining, reset s]
    [1 * S, 9, 1],
    [5 * S, 5, 5],
    [5.5 * S, 4, 6],
    [10 * S, 0, 10],
  ])(
    'an allowed request with the bucket %d µs ahead leaves %d, full in %d s',
    (ahead, remaining, resetS) => {
      const status = rateLimitStatusOf(aStep({ tatUs: 100 * S + ahead, nowUs: 100 * S }));
      expect(status).toEqual({ limit: 10, remaining, resetS });
    },
  );

  it('tells a refused request to come back when one interval has drained', () => {
    const status = rateLimitStatusOf(aStep({ allowed: false, tatUs: 10 * S, nowUs: 0 }));
    expect(status).toEqual({ limit: 10, remaining: 0, resetS: 10, retryAfterS: 1 });
  });

  it('rounds Retry-After up to a whole second, never to 0', () => {
    const slow = aStep({
      allowed: false,
      intervalUs: 20 * S,
      burst: 2,
      tatUs: 40 * S,
      nowUs: 0.5 * S,
    });
    expect(rateLimitStatusOf(slow).retryAfterS).toBe(20);
    const fast = aStep({ allowed: false, intervalUs: 1_000, burst: 5, tatUs: 5_000, nowUs: 0 });
    expect(rateLimitStatusOf(fast)).toEqual({ limit: 5, remaining: 0, resetS: 1, retryAfterS: 1 });
  });

  it('allows exactly the burst at one instant, then one per interval, with consistent headers', () => {
    let tat = 0;
    const answers = [];
    for (let i = 0; i < 12; i += 1) {
      const step = gcra(tat, 50 * S, S, 10);
      tat = step.tatUs;
      answers.push(rateLimitStatusOf(step));
    }
    expect(answers.map((a) => a.remaining)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0]);
    expect(answers.filter((a) => a.retryAfterS === undefined)).toHaveLength(10);
    expect(answers[10]).toEqual({ limit: 10, remaining: 0, resetS: 10, retryAfterS: 1 });
    // A second later exactly one more is allowed, and it leaves nothing.
    const later = rateLimitStatusOf(gcra(tat, 51 * S, S, 10));
    expect(later).toEqual({ limit: 10, remaining: 0, resetS: 10 });
  });

  it('refills to the whole burst after a quiet spell as long as the burst takes to drain', () => {
    const step = gcra(60 * S, 60 * S + 10 * S, S, 10);
    expect(rateLimitStatusOf(step)).toEqual({ limit: 10, remaining: 9, resetS: 1 });
  });
});

describe(intervalUsOf.name, () => {
  it.each([
    [60, 1_000_000],
    [600, 100_000],
    [7, 8_571_429],
    [600_000, 100],
    [1, 60_000_000],
  ])('costs a request at %d a minute %d µs', (perMinute, us) => {
    expect(intervalUsOf(perMinute)).toBe(us);
  });

  it('never costs less than a microsecond', () => {
    expect(intervalUsOf(1e9)).toBe(1);
  });
});

describe(rateLimitHeadersOf.name, () => {
  it('names the limit, what is left and the reset; Retry-After only when refused', () => {
    expect(rateLimitHeadersOf({ limit: 10, remaining: 3, resetS: 7 })).toEqual({
      'RateLimit-Limit': '10',
      'RateLimit-Remaining': '3',
      'RateLimit-Reset': '7',
    });
    expect(rateLimitHeadersOf({ limit: 10, remaining: 0, resetS: 9, retryAfterS: 2 })).toEqual({
      'RateLimit-Limit': '10',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '9',
      'Retry-After': '2',
    });
  });
});
