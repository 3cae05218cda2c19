import {
  LlmAbortedError,
  LlmRateLimitedError,
  LlmRequestError,
  LlmUnavailableError,
} from '../llm.errors';
import { retryDelay } from './retry-delay';

describe(retryDelay.name, () => {
  const options = (random: number) => ({
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    random: () => random,
  });

  it('waits a random time up to the exponential cap (full jitter)', () => {
    const error = new LlmUnavailableError('529');
    expect(retryDelay(error, 0, options(0.999))).toBe(99);
    expect(retryDelay(error, 2, options(0.5))).toBe(200);
    expect(retryDelay(error, 10, options(0.999))).toBe(999);
    expect(retryDelay(error, 3, options(0))).toBe(0);
  });

  it("obeys the server's retry-after within the maximum", () => {
    expect(retryDelay(new LlmRateLimitedError('429', { retryInMs: 700 }), 0, options(0))).toBe(700);
  });

  it('stops when retry-after is longer than the maximum wait', () => {
    expect(
      retryDelay(new LlmRateLimitedError('429', { retryInMs: 5_000 }), 0, options(0)),
    ).toBeUndefined();
  });

  it.each([new LlmRequestError('400', 400), new LlmAbortedError('stop'), new Error('bug')])(
    'never retries %p',
    (error) => {
      expect(retryDelay(error, 0, options(0.5))).toBeUndefined();
    },
  );
});
