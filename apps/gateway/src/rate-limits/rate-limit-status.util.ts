/** One GCRA step as the database answered it (times in microseconds of the database clock). */
export interface RateStep {
  readonly allowed: boolean;
  /** The theoretical arrival time after the step: when the bucket would be full again. */
  readonly tatUs: number;
  readonly nowUs: number;
  /** Microseconds one request costs: a minute over the rate per minute. */
  readonly intervalUs: number;
  /** Requests that may arrive at once after a quiet spell. */
  readonly burst: number;
}

/** What the `RateLimit-*` and `Retry-After` headers say. */
export interface RateLimitStatus {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the full burst is available again. */
  readonly resetS: number;
  /** Refused only: seconds until one request is allowed again (at least 1). */
  readonly retryAfterS?: number;
}

const US_PER_S = 1_000_000;

/** The microseconds one request costs at `perMinute` (above 0), at least 1 so any rate works. */
export const intervalUsOf = (perMinute: number): number =>
  Math.max(1, Math.round((60 * US_PER_S) / perMinute));

/**
 * The header values of a step. The bucket holds `burst` requests and refills one every
 * `intervalUs`: what is left is how many whole intervals fit between the arrival time and the
 * burst's horizon, and a refused request may come back once the arrival time is within it.
 */
export function rateLimitStatusOf(step: RateStep): RateLimitStatus {
  const ahead = Math.max(0, step.tatUs - step.nowUs);
  const resetS = Math.ceil(ahead / US_PER_S);
  if (step.allowed) {
    const left = Math.floor((step.burst * step.intervalUs - ahead) / step.intervalUs);
    return { limit: step.burst, remaining: Math.min(step.burst, Math.max(0, left)), resetS };
  }
  const waitUs = ahead - (step.burst - 1) * step.intervalUs;
  const retryAfterS = Math.max(1, Math.ceil(waitUs / US_PER_S));
  return { limit: step.burst, remaining: 0, resetS: Math.max(resetS, retryAfterS), retryAfterS };
}

/** The headers of a status: `RateLimit-*` always, `Retry-After` when refused. */
export function rateLimitHeadersOf(status: RateLimitStatus): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(status.limit),
    'RateLimit-Remaining': String(status.remaining),
    'RateLimit-Reset': String(status.resetS),
  };
  if (status.retryAfterS !== undefined) headers['Retry-After'] = String(status.retryAfterS);
  return headers;
}
