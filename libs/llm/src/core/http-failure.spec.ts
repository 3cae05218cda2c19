import {
  LlmAuthError,
  LlmRateLimitedError,
  LlmRequestError,
  LlmTimeoutError,
  LlmUnavailableError,
} from '../llm.errors';
import { llmErrorForHttpFailure } from './http-failure';

const failure = (status: number | undefined, type?: string) =>
  llmErrorForHttpFailure({
    provider: 'anthropic',
    status,
    type,
    message: 'boom',
    retryInMs: 3_000,
    cause: undefined,
  });

describe(llmErrorForHttpFailure.name, () => {
  it.each([
    [429, LlmRateLimitedError],
    [408, LlmTimeoutError],
    [500, LlmUnavailableError],
    [502, LlmUnavailableError],
    [529, LlmUnavailableError],
    [400, LlmRequestError],
    [404, LlmRequestError],
    [422, LlmRequestError],
    [401, LlmAuthError],
    [403, LlmAuthError],
  ])('classifies HTTP %i as %p', (status, errorClass) => {
    expect(failure(status)).toBeInstanceOf(errorClass);
  });

  it.each([
    ['overloaded_error', LlmUnavailableError],
    ['rate_limit_error', LlmRateLimitedError],
    ['invalid_request_error', LlmRequestError],
    ['something_new', LlmUnavailableError],
  ])('classifies a mid-stream %s by its type', (type, errorClass) => {
    expect(failure(undefined, type)).toBeInstanceOf(errorClass);
  });

  it('keeps the retry hint on retryable errors and names provider, status and type', () => {
    const error = failure(429, 'rate_limit_error');
    expect(error).toMatchObject({ retryInMs: 3_000 });
    expect(error.message).toBe('anthropic 429 rate_limit_error: boom');
  });
});
