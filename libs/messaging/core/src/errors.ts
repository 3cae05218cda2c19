/** A bus option that cannot work (bad namespace, empty server list); thrown before connecting. */
export class BusConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BusConfigurationError';
  }
}

/** The connection is down or JetStream does not answer; what a readiness probe reports. */
export class BusUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BusUnavailableError';
  }
}

/** The stream did not confirm a publish (no stream, timeout, lost connection); `cause` says why. */
export class PublishFailedError extends Error {
  constructor(
    readonly subject: string,
    readonly messageId: string,
    options?: { cause?: unknown },
  ) {
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`publishing ${subject} (${messageId}) failed${reason}`, options);
    this.name = 'PublishFailedError';
  }
}

/** `consume()` was asked for a durable that does not exist: provision it first. */
export class DurableNotFoundError extends Error {
  constructor(
    readonly stream: string,
    readonly durable: string,
    options?: { cause?: unknown },
  ) {
    super(`durable consumer ${durable} not found on stream ${stream}`, options);
    this.name = 'DurableNotFoundError';
  }
}

/**
 * A query was answered with an error, or a responder refused it. `code` is the responder's;
 * `retryable` says whether asking again may help. Responders may throw it to choose the code.
 */
export class QueryFailedError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  constructor(code: string, message: string, options?: { retryable?: boolean; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QueryFailedError';
    this.code = code;
    this.retryable = options?.retryable ?? false;
  }
}

/** No answer in time; `noResponders` when the server knew at once that nobody listens. */
export class QueryTimeoutError extends Error {
  constructor(
    readonly subject: string,
    readonly timeoutMs: number,
    readonly noResponders: boolean,
    options?: { cause?: unknown },
  ) {
    super(
      noResponders
        ? `no responder for ${subject}`
        : `no answer for ${subject} within ${timeoutMs} ms`,
      options,
    );
    this.name = 'QueryTimeoutError';
  }
}

/** No dead letter with that DLQ sequence or id in the namespace's DLQ stream. */
export class DeadLetterNotFoundError extends Error {
  constructor(readonly ref: string) {
    super(`no dead letter ${ref} in the DLQ stream`);
    this.name = 'DeadLetterNotFoundError';
  }
}

/** A dead letter that cannot be put back on its subject; `message` says why. */
export class DeadLetterNotReplayableError extends Error {
  constructor(
    readonly deadLetterId: string,
    reason: string,
  ) {
    super(`dead letter ${deadLetterId} cannot be replayed: ${reason}`);
    this.name = 'DeadLetterNotReplayableError';
  }
}

/** The namespace has no DLQ stream: no service has provisioned it on this server (wrong namespace?). */
export class DeadLetterQueueNotFoundError extends Error {
  constructor(
    readonly stream: string,
    options?: { cause?: unknown },
  ) {
    super(`no dead-letter stream ${stream} on this NATS server`, options);
    this.name = 'DeadLetterQueueNotFoundError';
  }
}
