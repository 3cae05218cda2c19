import { HttpProblemError } from '../../http/problem/problem.errors';

/**
 * An RFC 6750 §3 challenge. The description is a quoted-string that may not hold `"` or `\`
 * (nor non-ASCII), so those are replaced rather than escaped: clients show it, they do not parse it.
 */
export const bearerChallenge = (error: string, description: string): string =>
  `Bearer realm="agent-bus", error="${error}", error_description="${description.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, "'")}"`;

/** 401: a JWT bearer token that fails verification (signature, time, issuer, audience, role claim). */
export class InvalidTokenError extends HttpProblemError {
  constructor(detail: string) {
    super(
      401,
      'unauthenticated',
      detail,
      {},
      {
        'WWW-Authenticate': bearerChallenge('invalid_token', detail),
      },
    );
    this.name = 'InvalidTokenError';
  }
}

/** 403: a valid JWT whose mapped role is weaker than the route needs. */
export class InsufficientRoleError extends HttpProblemError {
  constructor(detail: string) {
    super(
      403,
      'forbidden',
      detail,
      {},
      {
        'WWW-Authenticate': bearerChallenge('insufficient_scope', detail),
      },
    );
    this.name = 'InsufficientRoleError';
  }
}
