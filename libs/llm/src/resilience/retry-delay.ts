import { RetryableError } from '@agentbus/contracts';

import { LlmRateLimitedError, LlmTimeoutError, LlmUnavailableError } from '../llm.errors';

/** How retries back off. */
export interface BackoffOptions {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A number in [0, 1); tests pass their own. */
  readonly random: () => number;
}

/** True for failures a second attempt may fix: 429, 408, 5xx and 529, timeouts, lost connections. */
export const isRetryableLlmError = (error: unknown): boolean =>
  error instanceof LlmRateLimitedError ||
  error instanceof LlmUnavailableError ||
  error instanceof LlmTimeoutError;

/**
 * The wait before retry number `attempt + 1`, or undefined to stop. Full jitter (a random wait up to
 * the exponential cap) keeps many workers from retrying in step. A server's `retry-after` is obeyed
 * when it is within `maxDelayMs`; a longer one ends the retries so the error, carrying the hint as
 * `retryInMs`, reaches the message layer, which can wait without holding a worker.
 */
export function retryDelay(
  error: unknown,
  attempt: number,
  options: BackoffOptions,
): number | undefined {
  if (!isRetryableLlmError(error)) return undefined;
  const hinted = error instanceof RetryableError ? error.retryInMs : undefined;
  if (hinted !== undefined) return hinted <= options.maxDelayMs ? hinted : undefined;
  const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
  return Math.floor(options.random() * cap);
}
