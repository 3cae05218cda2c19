import { STATUS_CODES } from 'node:http';
import { type FieldError } from './problem';

/**
 * An error the API answers with a specific problem. Thrown by the gateway's services and turned
 * into `application/problem+json` by the one exception filter; nothing else writes HTTP errors.
 * `status` is also what express's body parser reads from an error thrown in its `verify` hook.
 */
export class HttpProblemError extends Error {
  readonly title: string;

  constructor(
    readonly status: number,
    readonly slug: string,
    detail: string,
    readonly extensions: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(detail);
    this.name = 'HttpProblemError';
    this.title = STATUS_CODES[status] ?? 'Error';
  }
}

/** 400: the request breaks the API's rules; `errors` names each bad field. */
export class RequestValidationError extends HttpProblemError {
  constructor(readonly errors: readonly FieldError[]) {
    const detail = errors.map((error) => `${error.path}: ${error.message}`).join('; ');
    super(400, 'validation-failed', `The request is invalid: ${detail}`, { errors });
    this.name = 'RequestValidationError';
  }
}

/** 401: no API key, or one that is unknown or revoked. */
export class UnauthenticatedError extends HttpProblemError {
  constructor(detail: string) {
    super(401, 'unauthenticated', detail, {}, { 'WWW-Authenticate': 'Bearer realm="agent-bus"' });
    this.name = 'UnauthenticatedError';
  }
}

/** 403: the API key's role is weaker than the route needs. */
export class ForbiddenError extends HttpProblemError {
  constructor(detail: string) {
    super(403, 'forbidden', detail);
    this.name = 'ForbiddenError';
  }
}

/** 404: the named resource does not exist. */
export class NotFoundError extends HttpProblemError {
  constructor(slug: string, detail: string) {
    super(404, slug, detail);
    this.name = 'NotFoundError';
  }
}

/** 409: the resource exists but is not in a state that allows the request. */
export class ConflictError extends HttpProblemError {
  constructor(
    slug: string,
    detail: string,
    extensions: Readonly<Record<string, unknown>> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(409, slug, detail, extensions, headers);
    this.name = 'ConflictError';
  }
}
