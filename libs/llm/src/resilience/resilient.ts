import { PermanentError } from '@agentbus/contracts';

import { withDeadline } from '../core/with-deadline';
import { CircuitOpenError, LlmAbortedError } from '../llm.errors';
import {
  type LlmCallOptions,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
} from '../llm-provider';
import { type CallHealth, CircuitBreaker, type CircuitBreakerOptions } from './circuit-breaker';
import { isRetryableLlmError, retryDelay } from './retry-delay';

/** How {@link resilient} times out, retries and trips. */
export interface ResilienceOptions {
  /** Deadline for each attempt, streaming included. */
  readonly timeoutMs: number;
  /** Attempts after the first one. */
  readonly retries: number;
  readonly baseDelayMs: number;
  /** Longest wait between attempts; a longer `retry-after` ends the retries instead. */
  readonly maxDelayMs: number;
  /** A breaker to share, or the options for this provider's own. */
  readonly breaker: CircuitBreaker | CircuitBreakerOptions;
  /** A number in [0, 1) for jitter; tests pass their own. */
  readonly random?: () => number;
}

/** A provider wrapped by {@link resilient}; its breaker is exposed for health checks. */
export interface ResilientProvider extends LlmProvider {
  readonly breaker: CircuitBreaker;
}

/**
 * Wraps any provider with a per-attempt deadline, retries with full jitter on transient failures
 * (429, 408, 5xx, 529, timeouts, lost connections; never 400/401/403/404/422) and a circuit breaker
 * that fails fast with {@link CircuitOpenError} once the provider keeps failing.
 */
export function resilient(provider: LlmProvider, options: ResilienceOptions): ResilientProvider {
  const breaker =
    options.breaker instanceof CircuitBreaker
      ? options.breaker
      : new CircuitBreaker(options.breaker);
  const backoff = { ...options, random: options.random ?? Math.random };
  return {
    name: provider.name,
    model: provider.model,
    breaker,
    async complete(request: LlmRequest, callOptions?: LlmCallOptions): Promise<LlmResponse> {
      let lastError: unknown;
      for (let attempt = 0; ; attempt += 1) {
        const permit = breaker.tryAcquire();
        if (!permit.allowed) {
          throw new CircuitOpenError(provider.name, permit.retryInMs, { cause: lastError });
        }
        try {
          const response = await withDeadline(options.timeoutMs, callOptions?.signal, (signal) =>
            provider.complete(request, { ...callOptions, signal }),
          );
          breaker.settle(permit, 'success');
          return response;
        } catch (error) {
          breaker.settle(permit, healthOf(error));
          const delay = attempt < options.retries ? retryDelay(error, attempt, backoff) : undefined;
          if (delay === undefined) throw error;
          lastError = error;
          await sleep(delay, callOptions?.signal);
        }
      }
    },
  };
}

/**
 * A permanent error is a healthy provider answering "no"; an abort or an unclassified error (a bug
 * on our side) says nothing about the provider either way.
 */
function healthOf(error: unknown): CallHealth {
  if (isRetryableLlmError(error)) return 'failure';
  if (error instanceof PermanentError) return 'success';
  return 'neutral';
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new LlmAbortedError('the caller aborted the call', { cause: signal?.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
