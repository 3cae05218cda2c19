import { createHash } from 'node:crypto';
import { type RetryPolicy } from '../workflow.dag';

/** A fraction in [0, 1) from a key: jitter that is random across tasks but the same on replay. */
const jitterOf = (key: string): number =>
  createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;

/**
 * Delay before the retry that follows the `failures`-th failure: exponential from
 * `baseDelayMs`, capped at `maxDelayMs`, with "equal jitter" (half fixed, half random) so a
 * burst of failures does not retry in lockstep.
 */
export function retryDelayMs(policy: RetryPolicy, failures: number, jitterKey: string): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, failures - 1);
  const capped = Math.min(policy.maxDelayMs, exponential);
  return Math.round(capped / 2 + (capped / 2) * jitterOf(jitterKey));
}
