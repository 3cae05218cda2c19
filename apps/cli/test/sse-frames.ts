import { type ServerResponse } from 'node:http';

/** One project event as the gateway frames it: id = seq, short event name, one JSON data line. */
export type EventSpec = readonly [event: string, data: Record<string, unknown>];

export const sseFrame = (seq: number, [event, data]: EventSpec, projectId = 'p-1'): string =>
  `id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify({
    id: `evt-${seq}`,
    seq,
    type: `agentbus.workflow.v1.${event}`,
    time: '2025-11-27T10:00:00.000Z',
    projectId,
    data,
  })}\n\n`;

export const endFrame = (reason = 'project.completed'): string =>
  `event: end\ndata: ${JSON.stringify({ reason })}\n\n`;

/** Starts an SSE response the way the gateway does (headers, then an opening comment). */
export function openSse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
  res.write(': stream open\n\n');
}

/** Frames `events` numbered from `firstSeq`. */
export const framesFrom = (firstSeq: number, events: readonly EventSpec[]): string =>
  events.map((spec, index) => sseFrame(firstSeq + index, spec)).join('');
