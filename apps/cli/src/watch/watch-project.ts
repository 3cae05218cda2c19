import { isGateOpen } from '../api/project.schemas';
import { type CommandContext } from '../commands/command-context';
import { InterruptedError } from '../errors/cli-errors';
import { describeEvent } from '../progress/describe-event';
import { gateHint } from '../progress/gate-hint';
import {
  type OpenGate,
  type Progress,
  applyEvent,
  initialProgress,
} from '../progress/progress-model';
import { summarize } from '../progress/progress-summary';
import { createProgressView } from '../progress/progress-view';
import { decodeWorkflowEvent } from '../progress/workflow-event';
import { followEventStream } from '../sse/follow-event-stream';
import { reconnectLine, refreshUsage, settleOutcome } from './watch-steps';

/** Called when a gate opens; `log` prints above the progress bar. */
export type GateHandler = (
  gate: OpenGate,
  log: (lines: readonly string[]) => void,
) => Promise<void>;

/**
 * Follows a project from its first event to `end`, showing progress, and returns where it ended.
 * The whole history is replayed first, so a gate decided before the watch began is only noted.
 */
export async function watchProject(
  ctx: CommandContext,
  projectId: string,
  onGate?: GateHandler,
): Promise<Progress> {
  const detail = await ctx.api.get(projectId);
  const decidedEarlier = new Map(detail.gates.filter((g) => !isGateOpen(g)).map((g) => [g.id, g]));
  const handleGate = onGate ?? (async (gate, log) => log(gateHint(projectId, gate, ctx.command)));
  let progress = initialProgress(detail);
  let sawCost = false;
  ctx.out(`watching "${detail.name}" (${projectId})`);
  const view = createProgressView(ctx.io.stdout);
  const log = (lines: readonly string[]): void => view.show(lines, summarize(progress));
  const open = (lastEventId: string, signal: AbortSignal) =>
    ctx.api.openEvents(projectId, lastEventId, signal);
  try {
    const options = { signal: ctx.io.signal, timing: ctx.io.timing, endEvent: 'end' };
    for await (const item of followEventStream(open, options)) {
      if (item.kind === 'reconnecting') {
        log([reconnectLine(item, ctx.io.timing.maxReconnects)]);
        continue;
      }
      if (item.event.type === 'end') break;
      const event = decodeWorkflowEvent(item.event);
      progress = applyEvent(progress, event);
      // The gateway's cost events carry the totals; an older one without them is asked after each stage.
      sawCost ||= event.kind === 'cost';
      if (event.kind === 'stage.completed' && !sawCost) {
        progress = await refreshUsage(ctx, projectId, progress);
      }
      const line = describeEvent(event, progress);
      log(line === undefined ? [] : [line]);
      if (event.kind !== 'approval.requested' || progress.openGate === undefined) continue;
      const earlier = decidedEarlier.get(event.approvalId);
      if (earlier === undefined) await handleGate(progress.openGate, log);
      else log([`  (decided earlier: ${earlier.decision ?? earlier.state})`]);
    }
  } catch (error) {
    throw error instanceof InterruptedError
      ? new InterruptedError(
          `stopped watching; the project keeps running. Resume with: ${ctx.command(`watch ${projectId}`)}`,
        )
      : error;
  } finally {
    view.stop();
  }
  return settleOutcome(ctx, projectId, progress);
}
