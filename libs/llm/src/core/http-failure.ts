import {
  LlmAuthError,
  LlmRateLimitedError,
  LlmRequestError,
  LlmTimeoutError,
  LlmUnavailableError,
} from '../llm.errors';

/** What a provider's SDK told us about a failed call, in the terms both SDKs share. */
export interface HttpFailure {
  readonly provider: string;
  /** Undefined for errors that arrive inside a stream (`event: error`) after a 200. */
  readonly status: number | undefined;
  /** The body's error type, e.g. `rate_limit_error`, `overloaded_error`, `invalid_request_error`. */
  readonly type: string | undefined;
  readonly message: string;
  readonly retryInMs: number | undefined;
  readonly cause: unknown;
}

const typeToStatus: Readonly<Record<string, number>> = {
  invalid_request_error: 400,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
  timeout_error: 504,
};

/**
 * Classifies a failed call: 429 is rate limiting, 408 a timeout, 5xx (and Anthropic's 529)
 * unavailability, 401/403 auth, any other 4xx a bad request. Errors that arrive mid-stream carry
 * only a type, which is mapped to the status the API would have used.
 */
export function llmErrorForHttpFailure(failure: HttpFailure): Error {
  const status = failure.status ?? typeToStatus[failure.type ?? ''] ?? 500;
  const message = `${failure.provider} ${failure.status ?? 'stream'}${
    failure.type ? ` ${failure.type}` : ''
  }: ${failure.message}`;
  const retryable = {
    cause: failure.cause,
    ...(failure.retryInMs === undefined ? {} : { retryInMs: failure.retryInMs }),
  };
  if (status === 429) return new LlmRateLimitedError(message, retryable);
  if (status === 408) return new LlmTimeoutError(message, retryable);
  if (status >= 500) return new LlmUnavailableError(message, retryable);
  if (status === 401 || status === 403) {
    return new LlmAuthError(message, status, { cause: failure.cause });
  }
  return new LlmRequestError(message, status, { cause: failure.cause });
}
