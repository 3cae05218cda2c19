import { PermanentError, RetryableError } from '@agentbus/contracts';

interface RetryableOptions {
  readonly cause?: unknown;
  readonly retryInMs?: number;
}

/** The provider said "too many requests" (429); `retryInMs` carries its `retry-after` when given. */
export class LlmRateLimitedError extends RetryableError {
  constructor(message: string, options?: RetryableOptions) {
    super(message, options);
    this.name = 'LlmRateLimitedError';
  }
}

/** The provider is down, overloaded (5xx, 529) or unreachable (connection refused or reset). */
export class LlmUnavailableError extends RetryableError {
  constructor(message: string, options?: RetryableOptions) {
    super(message, options);
    this.name = 'LlmUnavailableError';
  }
}

/** No complete answer within the deadline (ours, or the server's 408). */
export class LlmTimeoutError extends RetryableError {
  constructor(message: string, options?: RetryableOptions) {
    super(message, options);
    this.name = 'LlmTimeoutError';
  }
}

/** The circuit breaker is open: the provider failed repeatedly, so calls fail fast until `retryInMs`. */
export class CircuitOpenError extends RetryableError {
  constructor(
    readonly provider: string,
    retryInMs: number,
    options?: { readonly cause?: unknown },
  ) {
    super(`circuit open for ${provider}; next probe in ${retryInMs} ms`, { ...options, retryInMs });
    this.name = 'CircuitOpenError';
  }
}

/** The provider rejected the request itself (400, 404, 413, 422): sending it again cannot help. */
export class LlmRequestError extends PermanentError {
  constructor(
    message: string,
    readonly status?: number,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmRequestError';
  }
}

/** The key is missing, wrong or not allowed to use the model (401, 403). */
export class LlmAuthError extends PermanentError {
  constructor(
    message: string,
    readonly status?: number,
    options?: { readonly cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmAuthError';
  }
}

/**
 * The caller's signal aborted the call (a cancelled project, a shutting-down worker). Neither
 * retryable nor permanent: the caller asked for it and decides what comes next.
 */
export class LlmAbortedError extends Error {
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.name = 'LlmAbortedError';
  }
}
