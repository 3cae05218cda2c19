/**
 * Failure classes that decide how a message is settled: permanent failures are dead-lettered at
 * once, retryable ones are redelivered with backoff. Anything else is treated as retryable until the
 * consumer's `maxDeliver` runs out.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** A transient failure (timeout, lost connection, deadlock); may suggest when to try again. */
export class RetryableError extends Error {
  readonly retryInMs: number | undefined;
  constructor(message: string, options?: { cause?: unknown; retryInMs?: number }) {
    super(message, options);
    this.name = 'RetryableError';
    this.retryInMs = options?.retryInMs;
  }
}

/** A message that does not match its contract: a bug in the producer, never worth retrying. */
export class InvalidMessageError extends PermanentError {
  constructor(
    readonly subject: string,
    readonly issues: readonly string[],
  ) {
    super(`invalid ${subject}: ${issues.join('; ')}`);
    this.name = 'InvalidMessageError';
  }
}
