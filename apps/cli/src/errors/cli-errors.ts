import { type Problem } from './problem';

/** Bad arguments or input: nothing was sent. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** No HTTP answer: connection refused, DNS failure, timeout, or a stream lost for good. */
export class GatewayUnreachableError extends Error {
  constructor(
    readonly url: string,
    /** `ECONNREFUSED`, `ENOTFOUND`, `TIMEOUT`, … when known. */
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`cannot reach the gateway at ${url}${code === undefined ? '' : ` (${code})`}`, options);
    this.name = 'GatewayUnreachableError';
  }
}

/** The gateway answered with an error status and (usually) an application/problem+json body. */
export class ApiProblemError extends Error {
  constructor(
    readonly problem: Problem,
    readonly method: string,
    readonly path: string,
  ) {
    super(`${problem.title} (${problem.status})${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'ApiProblemError';
  }

  get status(): number {
    return this.problem.status;
  }
}

/** A 2xx answer that is not what the API contract promises. */
export class UnexpectedResponseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UnexpectedResponseError';
  }
}

/** An open event stream broke (closed early, reset, or silent too long); reconnecting may help. */
export class StreamDroppedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StreamDroppedError';
  }
}

/** The user pressed Ctrl-C. */
export class InterruptedError extends Error {
  constructor(message = 'interrupted') {
    super(message);
    this.name = 'InterruptedError';
  }
}
