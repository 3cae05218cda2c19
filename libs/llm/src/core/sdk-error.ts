import { LlmAbortedError, LlmTimeoutError, LlmUnavailableError } from '../llm.errors';
import { llmErrorForHttpFailure } from './http-failure';
import { type HeaderReader, retryAfterMs } from './retry-after';

/** The shape both official SDKs (Stainless-generated) give their `APIError`. */
interface SdkApiError extends Error {
  readonly status: number | undefined;
  readonly headers: HeaderReader | undefined;
  readonly error: unknown;
}

// Each SDK's classes: identical hierarchies, distinct constructors, so each provider passes its own.
type ErrorClass<T extends Error = Error> = abstract new (...args: never[]) => T;

/** One SDK's error classes, as {@link llmErrorFromSdk} needs them. */
export interface SdkErrorClasses {
  readonly APIError: ErrorClass<SdkApiError>;
  readonly APIUserAbortError: ErrorClass;
  readonly APIConnectionError: ErrorClass;
  readonly APIConnectionTimeoutError: ErrorClass;
}

/**
 * Turns an SDK error into ours (rate limited, unavailable, timeout, request, auth, aborted). A
 * body read that dies mid-stream (a reset socket, a proxy cutting the connection) surfaces as a
 * plain error from fetch and counts as the provider being unavailable.
 */
export function llmErrorFromSdk(provider: string, error: unknown, sdk: SdkErrorClasses): unknown {
  if (error instanceof sdk.APIUserAbortError) {
    return new LlmAbortedError(`${provider} call aborted`, { cause: error });
  }
  if (error instanceof sdk.APIConnectionTimeoutError) {
    return new LlmTimeoutError(`${provider} did not answer in time`, { cause: error });
  }
  if (error instanceof sdk.APIConnectionError) {
    return new LlmUnavailableError(`${provider} unreachable: ${error.message}`, { cause: error });
  }
  if (error instanceof sdk.APIError) {
    const body = errorBody(error.error);
    return llmErrorForHttpFailure({
      provider,
      status: error.status,
      type: body.type,
      message: body.message ?? error.message,
      retryInMs: retryAfterMs(error.headers),
      cause: error,
    });
  }
  if (isConnectionLoss(error)) {
    return new LlmUnavailableError(`${provider} connection lost: ${error.message}`, {
      cause: error,
    });
  }
  return error;
}

/** `{type, message}` from Anthropic's `{type:'error', error:{…}}` or OpenAI's `{…}` (already unwrapped). */
function errorBody(raw: unknown): { type?: string; message?: string } {
  const outer = isRecord(raw) ? raw : {};
  const inner = isRecord(outer['error']) ? outer['error'] : outer;
  return {
    ...(typeof inner['type'] === 'string' ? { type: inner['type'] } : {}),
    ...(typeof inner['message'] === 'string' ? { message: inner['message'] } : {}),
  };
}

// Duck-typed: fetch's errors come from Node's own realm, so `instanceof Error` can miss them
// (it does under jest's VM contexts).
function isConnectionLoss(error: unknown): error is Error {
  if (!isRecord(error) || typeof error['message'] !== 'string') return false;
  const cause = isRecord(error['cause']) ? error['cause'] : {};
  const code = error['code'] ?? cause['code'];
  return (
    (error['name'] === 'TypeError' && error['message'] === 'terminated') ||
    code === 'ECONNRESET' ||
    code === 'UND_ERR_SOCKET'
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
