import { PermanentError, RetryableError } from '@agentbus/contracts';

import {
  CircuitOpenError,
  LlmAuthError,
  LlmRateLimitedError,
  LlmRequestError,
  LlmTimeoutError,
  LlmUnavailableError,
} from './llm.errors';

describe('llm errors', () => {
  it.each([
    [new LlmRateLimitedError('429', { retryInMs: 5 }), 'LlmRateLimitedError'],
    [new LlmUnavailableError('529'), 'LlmUnavailableError'],
    [new LlmTimeoutError('slow'), 'LlmTimeoutError'],
    [new CircuitOpenError('anthropic', 1_000), 'CircuitOpenError'],
  ])('%s is retryable, so the message layer naks it', (error, name) => {
    expect(error).toBeInstanceOf(RetryableError);
    expect(error.name).toBe(name);
  });

  it.each([
    [new LlmRequestError('bad', 400), 'LlmRequestError'],
    [new LlmAuthError('no key', 401), 'LlmAuthError'],
  ])('%s is permanent, so the message layer dead-letters it', (error, name) => {
    expect(error).toBeInstanceOf(PermanentError);
    expect(error.name).toBe(name);
  });

  it('keeps the cause and the retry hint', () => {
    const cause = new Error('socket');
    const error = new CircuitOpenError('openai', 250, { cause });
    expect(error).toMatchObject({ cause, retryInMs: 250, provider: 'openai' });
    expect(error.message).toContain('250 ms');
  });
});
