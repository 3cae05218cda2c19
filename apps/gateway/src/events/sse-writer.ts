import { type HttpResponse } from '../http/express.types';
import { type ProjectEventRow } from './project-event';
import { sseComment, sseEndFrame, sseEventFrame } from './sse-frame.util';

// A client this far behind is dropped; it reconnects with Last-Event-ID and loses nothing.
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Writes one SSE response: headers, events, keep-alive comments, and the end. */
export class SseWriter {
  private keepAlive: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly response: HttpResponse,
    private readonly keepAliveMs: number,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  open(): void {
    this.response.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no', // nginx: pass each event on at once
    });
    this.response.flushHeaders();
    this.write(sseComment('stream open'));
    this.keepAlive = setInterval(() => this.write(sseComment('keep-alive')), this.keepAliveMs);
  }

  /** Writes `rows`, each followed by what `after` adds for it (the cost frames). */
  events(
    rows: readonly ProjectEventRow[],
    after: (row: ProjectEventRow) => string = () => '',
  ): void {
    this.write(rows.map((row) => sseEventFrame(row) + after(row)).join(''));
    if (this.response.writableLength > MAX_BUFFERED_BYTES) this.close();
  }

  /** Sends `event: end` and closes: the project will not move again. */
  end(reason: string): void {
    this.write(sseEndFrame(reason));
    this.close();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepAlive);
    if (!this.response.writableEnded) this.response.end();
  }

  private write(chunk: string): void {
    if (!this.closed && !this.response.destroyed) this.response.write(chunk);
  }
}
