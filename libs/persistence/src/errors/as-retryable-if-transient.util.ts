import { PermanentError, RetryableError } from '@agentbus/contracts';
import { isTransientDatabaseError } from './is-transient-database-error.util';

/** Wraps a transient database failure in {@link RetryableError}; returns anything else unchanged. */
export function asRetryableIfTransient(error: unknown): unknown {
  if (error instanceof RetryableError || error instanceof PermanentError) return error;
  if (!isTransientDatabaseError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new RetryableError(`transient database failure: ${reason}`, { cause: error });
}
