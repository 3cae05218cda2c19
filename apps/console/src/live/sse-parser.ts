/** One Server-Sent Event as the gateway sends it (`id: <seq>`, `event: <type>`, one `data` line). */
export interface SseEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

/**
 * An incremental text/event-stream parser (the WHATWG rules the console needs: fields, comments,
 * multi-line data, CRLF or LF). Fed arbitrary chunks, it returns the events completed so far.
 * EventSource itself cannot send the API key in a header, so the console reads the stream by fetch.
 */
export function sseParser(): (chunk: string) => SseEvent[] {
  let buffer = '';
  let id: string | undefined;
  let event = '';
  let data: string[] = [];
  return (chunk) => {
    buffer += chunk;
    const lines = buffer.split(/\r\n|\r|\n/);
    buffer = lines.pop() ?? '';
    const done: SseEvent[] = [];
    for (const line of lines) {
      if (line === '') {
        if (data.length > 0) done.push({ id, event: event || 'message', data: data.join('\n') });
        event = '';
        data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // a comment (the gateway's keep-alive)
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') data.push(value);
      else if (field === 'event') event = value;
      else if (field === 'id' && !value.includes('\0')) id = value;
    }
    return done;
  };
}
