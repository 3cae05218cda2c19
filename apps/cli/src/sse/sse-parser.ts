/** One dispatched Server-Sent Event. */
export interface SseEvent {
  /** The `event:` field, `message` when absent. */
  readonly type: string;
  /** The `data:` lines joined by `\n`. */
  readonly data: string;
  /** The last `id:` seen on the stream so far (what `Last-Event-ID` resumes from). */
  readonly lastEventId: string;
}

/**
 * Incremental text/event-stream parser after the WHATWG HTML spec (§9.2.6): push bytes as they
 * arrive, split anywhere (inside a field, a CRLF pair or a UTF-8 character), and get back the
 * events completed so far. Comments (`: keep-alive`) and unknown fields are ignored.
 */
export class SseParser {
  private readonly decoder = new TextDecoder('utf-8'); // also drops a leading BOM
  private buffer = '';
  private scanned = 0;
  private type = '';
  private data: string[] = [];
  private lastId = '';

  get lastEventId(): string {
    return this.lastId;
  }

  push(chunk: Uint8Array | string): SseEvent[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    return this.drain(false);
  }

  /** The stream ended: a final CR still ends its line; an event without its blank line is dropped. */
  end(): SseEvent[] {
    this.buffer += this.decoder.decode();
    return this.drain(true);
  }

  private drain(final: boolean): SseEvent[] {
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = this.scanned; i < this.buffer.length; i++) {
      const char = this.buffer[i];
      if (char !== '\n' && char !== '\r') continue;
      // A CR last in the buffer may be the first half of CRLF: wait for the next chunk.
      if (char === '\r' && i + 1 === this.buffer.length && !final) break;
      const event = this.line(this.buffer.slice(start, i));
      if (event !== undefined) events.push(event);
      if (char === '\r' && this.buffer[i + 1] === '\n') i++;
      start = i + 1;
    }
    this.buffer = this.buffer.slice(start);
    this.scanned = this.buffer.endsWith('\r') ? this.buffer.length - 1 : this.buffer.length;
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const raw = colon === -1 ? '' : line.slice(colon + 1);
    const value = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (field === 'event') this.type = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const event =
      this.data.length === 0
        ? undefined
        : { type: this.type || 'message', data: this.data.join('\n'), lastEventId: this.lastId };
    this.type = '';
    this.data = [];
    return event;
  }
}
