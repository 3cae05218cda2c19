// The shared helper, polling a little faster: relay tests wait on commits that land within ms.
import { eventually as retryUntil, type EventuallyOptions } from '@agentbus/testing';

/** Retries `assertion` until it passes (instead of sleeping); rethrows its last error on timeout. */
export const eventually = <T>(
  assertion: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 25 }: EventuallyOptions = {},
): Promise<T> => retryUntil(assertion, { timeoutMs, intervalMs });
