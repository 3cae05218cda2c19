import {
  ApiProblemError,
  GatewayUnreachableError,
  InterruptedError,
  StreamDroppedError,
} from '../errors/cli-errors';
import { messageOf } from '../util/message-of.util';
import { type SseEvent, SseParser } from './sse-parser';

/** Opens the stream; `signal` aborts the request and its body. */
export type OpenStream = (lastEventId: string, signal: AbortSignal) => Promise<Response>;

export interface ReadOptions {
  readonly signal: AbortSignal;
  readonly idleTimeoutMs: number;
}

/**
 * One connection of an event stream, parsed. A connection that goes silent for `idleTimeoutMs`
 * (no event, no keep-alive) is aborted: a half-open TCP connection would otherwise wait forever.
 * Leaving the loop early closes the connection.
 */
export async function* readEventStream(
  open: OpenStream,
  lastEventId: string,
  options: ReadOptions,
): AsyncGenerator<SseEvent> {
  const idle = new AbortController();
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  // Aborting the request ends fetch's body; cancelling the reader also ends any other stream.
  const onIdle = (): void => {
    idle.abort();
    reader?.cancel().catch(() => undefined);
  };
  let timer = setTimeout(onIdle, options.idleTimeoutMs);
  const restartTimer = (): void => {
    clearTimeout(timer);
    timer = setTimeout(onIdle, options.idleTimeoutMs);
  };
  try {
    const response = await open(lastEventId, AbortSignal.any([options.signal, idle.signal]));
    if (response.body === null) throw new StreamDroppedError('the event stream has no body');
    reader = response.body.getReader();
    const parser = new SseParser();
    for (;;) {
      const { done, value } = await reader.read();
      if (idle.signal.aborted) throw new StreamDroppedError('idle');
      if (done) return yield* parser.end();
      restartTimer();
      yield* parser.push(value);
    }
  } catch (error) {
    throw streamError(error, options.signal, idle.signal, options.idleTimeoutMs);
  } finally {
    clearTimeout(timer);
    idle.abort();
    await reader?.cancel().catch(() => undefined);
  }
}

function streamError(error: unknown, user: AbortSignal, idle: AbortSignal, idleMs: number) {
  if (user.aborted) return new InterruptedError();
  if (idle.aborted) {
    return new StreamDroppedError(`no data from the gateway for ${Math.round(idleMs / 1000)} s`);
  }
  if (error instanceof ApiProblemError || error instanceof GatewayUnreachableError) return error;
  if (error instanceof StreamDroppedError) return error;
  return new StreamDroppedError(`the event stream broke (${messageOf(error)})`, { cause: error });
}
