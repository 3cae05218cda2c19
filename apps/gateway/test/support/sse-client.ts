/** One parsed Server-Sent Events block: an event (id/event/data) or a comment. */
export interface SseFrame {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** A streaming SSE response read frame by frame. */
export interface SseStream {
  readonly response: Response;
  /** The next frame; rejects after `timeoutMs`, resolves `undefined` when the stream has ended. */
  next(timeoutMs?: number): Promise<SseFrame | undefined>;
  /** The next frame that is not a comment. */
  nextEvent(timeoutMs?: number): Promise<SseFrame | undefined>;
  close(): Promise<void>;
}

/** Opens `url` as an event stream (fetch, read incrementally) and parses frames as they come. */
export async function openSse(url: string, headers: Record<string, string>): Promise<SseStream> {
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const queued: SseFrame[] = [];
  let ended = false;

  const next = async (timeoutMs = 5_000): Promise<SseFrame | undefined> => {
    const deadline = Date.now() + timeoutMs;
    while (queued.length === 0 && !ended) {
      if (reader === undefined) return undefined;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`no SSE frame within ${timeoutMs} ms`);
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no SSE frame within ${timeoutMs} ms`)),
          remaining,
        );
      });
      const chunk = await Promise.race([reader.read(), timeout]).finally(() => clearTimeout(timer));
      if (chunk.done) ended = true;
      buffer += decoder.decode(chunk.value ?? new Uint8Array(), { stream: !chunk.done });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        queued.push(parseFrame(buffer.slice(0, end)));
        buffer = buffer.slice(end + 2);
      }
    }
    return queued.shift();
  };
  const nextEvent = async (timeoutMs?: number): Promise<SseFrame | undefined> => {
    for (;;) {
      const frame = await next(timeoutMs);
      if (frame?.comment === undefined) return frame;
    }
  };
  return { response, next, nextEvent, close: async () => reader?.cancel() };
}

function parseFrame(block: string): SseFrame {
  const frame: Record<string, string> = {};
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame['comment'] = line.slice(1).trim();
    const match = /^(id|event|data): ?(.*)$/.exec(line);
    if (match?.[1] !== undefined) frame[match[1]] = match[2] ?? '';
  }
  return frame;
}
