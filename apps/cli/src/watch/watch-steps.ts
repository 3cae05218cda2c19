import { type ProjectState } from '@agentbus/contracts';
import { type CommandContext } from '../commands/command-context';
import { InterruptedError } from '../errors/cli-errors';
import { type Progress, applyUsage } from '../progress/progress-model';
import { type StreamItem } from '../sse/follow-event-stream';

const TERMINAL: ReadonlySet<ProjectState> = new Set(['completed', 'failed', 'cancelled']);

/** After this state the project does not move again (unless restarted). */
export const isTerminal = (state: ProjectState): boolean => TERMINAL.has(state);

/** Totals are not in the events: read them from the project after each stage (best effort). */
export async function refreshUsage(
  ctx: CommandContext,
  projectId: string,
  progress: Progress,
): Promise<Progress> {
  try {
    const { usage } = await ctx.api.get(projectId);
    return usage === undefined ? progress : applyUsage(progress, usage);
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return progress; // decoration only: a missed refresh must not end the watch
  }
}

/** The stream ended without a terminal event in view (e.g. resumed after it): ask the project. */
export async function settleOutcome(
  ctx: CommandContext,
  projectId: string,
  progress: Progress,
): Promise<Progress> {
  if (isTerminal(progress.state)) return progress;
  const detail = await ctx.api.get(projectId);
  const failure =
    detail.failure === null || detail.failure === undefined
      ? progress.failure
      : { stage: detail.failure.stage ?? undefined, cause: detail.failure.cause };
  return { ...progress, state: detail.state, failure };
}

export function reconnectLine(item: Extract<StreamItem, { kind: 'reconnecting' }>, max: number) {
  const from = item.lastEventId === '' ? 'the start' : `event ${item.lastEventId}`;
  const wait = (item.delayMs / 1000).toFixed(1);
  return `connection lost (${item.reason}); resuming from ${from} in ${wait}s (attempt ${item.attempt}/${max})`;
}
