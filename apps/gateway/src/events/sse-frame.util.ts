import { type CostSoFar } from './cost-so-far';
import { type ProjectEventRow, shortEventName } from './project-event';

/**
 * One Server-Sent Event for a project event: `id` is its `seq` (what `Last-Event-ID` resumes
 * from), `event` its short type, `data` one line of JSON (JSON.stringify never emits a raw newline).
 */
export function sseEventFrame(row: ProjectEventRow): string {
  const data = {
    id: row.id,
    seq: Number(row.seq),
    type: row.type,
    time: row.created_at.toISOString(),
    projectId: row.project_id,
    data: row.data,
  };
  return `id: ${row.seq}\nevent: ${shortEventName(row.type)}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A comment line: ignored by clients, keeps proxies from closing an idle stream. */
export const sseComment = (text: string): string => `: ${text.replace(/[\r\n]+/g, ' ')}\n\n`;

/** The last frame: the project reached a terminal state and nothing more will come. */
export const sseEndFrame = (reason: string): string =>
  `event: end\ndata: ${JSON.stringify({ reason })}\n\n`;

/**
 * The cost so far, right after the event it follows. No `id` line: the client's Last-Event-ID
 * stays that event's, so a resume never repeats it nor skips an event.
 */
export const sseCostFrame = (cost: CostSoFar): string =>
  `event: cost\ndata: ${JSON.stringify(cost)}\n\n`;
