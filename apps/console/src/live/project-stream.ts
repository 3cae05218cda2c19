import { reconnectDelayMs } from './reconnect-delay';
import { sseParser, type SseEvent } from './sse-parser';

/** The live view's connection, as the page shows it. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'ended';

export interface ProjectStreamOptions {
  readonly url: string;
  readonly apiKey: string;
  readonly onEvent: (event: SseEvent) => void;
  readonly onStatus: (status: StreamStatus) => void;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
}

/**
 * Follows a project's SSE stream by fetch (so the key travels in a header), resuming after the
 * last event id when the connection drops (a gateway restart, a network blip) with backoff, until
 * the gateway sends `event: end` or the returned function is called.
 */
export function followProjectStream(options: ProjectStreamOptions): () => void {
  const { url, apiKey, onEvent, onStatus } = options;
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const random = options.random ?? Math.random;
  const abort = new AbortController();
  let lastEventId: string | undefined;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const connect = async (): Promise<void> => {
    let ended = false;
    try {
      const headers: Record<string, string> = {
        authorization: `Bearer ${apiKey}`,
        accept: 'text/event-stream',
      };
      if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
      const response = await doFetch(url, { headers, signal: abort.signal, cache: 'no-store' });
      if (!response.ok || response.body === null) throw new Error(`status ${response.status}`);
      onStatus('live');
      failures = 0;
      const parse = sseParser();
      const decoder = new TextDecoder();
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const event of parse(decoder.decode(value, { stream: true }))) {
          if (event.id !== undefined) lastEventId = event.id;
          if (event.event === 'end') ended = true;
          onEvent(event);
        }
        if (ended) break;
      }
    } catch {
      // dropped, refused or aborted: decided below
    }
    if (abort.signal.aborted) return;
    if (ended) {
      onStatus('ended');
      return;
    }
    onStatus('reconnecting');
    timer = setTimeout(() => void connect(), reconnectDelayMs(failures++, random()));
  };

  onStatus('connecting');
  void connect();
  return () => {
    abort.abort();
    if (timer !== undefined) clearTimeout(timer);
  };
}
