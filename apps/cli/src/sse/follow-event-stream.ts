import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiProblemError,
  GatewayUnreachableError,
  InterruptedError,
  StreamDroppedError,
} from '../errors/cli-errors';
import { type Timing } from '../io';
import { messageOf } from '../util/message-of.util';
import { type OpenStream, readEventStream } from './read-event-stream';
import { type SseEvent } from './sse-parser';

/** Something the follower reports: an event, or that it is about to reconnect. */
export type StreamItem =
  | { readonly kind: 'event'; readonly event: SseEvent }
  | {
      readonly kind: 'reconnecting';
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
      readonly lastEventId: string;
    };

export interface FollowOptions {
  readonly signal: AbortSignal;
  readonly timing: Timing;
  /** The `end` event's type: after it the stream is over and no reconnect happens. */
  readonly endEvent: string;
}

/**
 * An event stream that survives dropped connections: it reconnects with `Last-Event-ID` (so no
 * event is lost or repeated) after a doubling delay, and gives up after `maxReconnects` attempts in
 * a row that brought no event. Refusals (4xx) are not retried: asking again will not help.
 */
export async function* followEventStream(
  open: OpenStream,
  options: FollowOptions,
): AsyncGenerator<StreamItem> {
  const { timing, signal } = options;
  let lastEventId = '';
  let failures = 0;
  for (;;) {
    let reason = 'the stream closed before its end event';
    try {
      for await (const event of readEventStream(open, lastEventId, {
        signal,
        idleTimeoutMs: timing.idleTimeoutMs,
      })) {
        failures = 0;
        if (event.lastEventId !== '') lastEventId = event.lastEventId;
        yield { kind: 'event', event };
        if (event.type === options.endEvent) return;
      }
    } catch (error) {
      if (!isTransient(error) || failures >= timing.maxReconnects) throw error;
      reason = messageOf(error);
    }
    if (failures >= timing.maxReconnects) throw new StreamDroppedError(reason);
    failures += 1;
    const delayMs = Math.min(
      timing.reconnectDelayMs * 2 ** (failures - 1),
      timing.maxReconnectDelayMs,
    );
    yield { kind: 'reconnecting', attempt: failures, delayMs, reason, lastEventId };
    await sleep(delayMs, undefined, { signal }).catch(() => {
      throw new InterruptedError();
    });
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof StreamDroppedError || error instanceof GatewayUnreachableError) return true;
  return error instanceof ApiProblemError && (error.status >= 500 || error.status === 429);
}
