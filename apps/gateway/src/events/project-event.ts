import { parseSubject } from '@agentbus/contracts';

/** A row of the orchestrator's `events` table (its `seq` is the SSE event id). */
export interface ProjectEventRow {
  readonly seq: string;
  readonly id: string;
  readonly project_id: string;
  readonly type: string;
  readonly data: unknown;
  readonly created_at: Date;
}

const TERMINAL = new Set(['project.completed', 'project.failed', 'project.cancelled']);

/** `stage.completed` for `agentbus.workflow.v1.stage.completed`; other types as they are. */
export function shortEventName(type: string): string {
  try {
    const { entity, event } = parseSubject(type);
    return `${entity}.${event}`;
  } catch {
    return type.replace(/[^A-Za-z0-9._-]/g, '_') || 'message';
  }
}

/** After this event the project does not move again (unless restarted). */
export const isTerminalEvent = (type: string): boolean => TERMINAL.has(shortEventName(type));
