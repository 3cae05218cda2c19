import { HttpProblemError } from '../http/problem/problem.errors';
import { type Principal } from '../auth/principal';

/** 429: the principal made more requests than its rate allows; the headers say when to retry. */
export class RequestRateExceededError extends HttpProblemError {
  constructor(principal: Principal, retryAfterS: number, headers: Record<string, string>) {
    super(
      429,
      'rate-limited',
      `"${principal.name}" sent more API requests than its rate allows. Retry after ${retryAfterS} s; ` +
        'the RateLimit-* headers of every answer show what is left. For a higher rate ask an admin ' +
        '(PATCH /v1/api-keys/{id}/limits, or GATEWAY_RATE_LIMIT_PER_MINUTE).',
      { retryAfterSeconds: retryAfterS },
      headers,
    );
    this.name = 'RequestRateExceededError';
  }
}

/** How long a client refused for projects in flight is told to wait: projects take minutes. */
export const PROJECTS_IN_FLIGHT_RETRY_AFTER_S = 30;

/** 429: the principal already has as many unfinished projects as it may; nothing was created. */
export class ProjectsInFlightExceededError extends HttpProblemError {
  constructor(principal: Principal, inFlight: number, limit: number) {
    super(
      429,
      'too-many-projects-in-flight',
      `"${principal.name}" has ${inFlight} unfinished projects, its limit of ${limit}; nothing was ` +
        'created. Retry once one completes or is cancelled (same Idempotency-Key), or ask an admin ' +
        'to raise projectsInFlight (PATCH /v1/api-keys/{id}/limits).',
      { projectsInFlight: inFlight, limit },
      { 'Retry-After': String(PROJECTS_IN_FLIGHT_RETRY_AFTER_S) },
    );
    this.name = 'ProjectsInFlightExceededError';
  }
}
