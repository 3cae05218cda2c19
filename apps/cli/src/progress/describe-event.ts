import { formatDuration, formatTokens, formatUsd } from '../output/format';
import { type Progress } from './progress-model';
import { progressLine, summarize, tokensWithCached } from './progress-summary';
import { type WorkflowEvent } from './workflow-event';

const totals = (progress: Progress): string =>
  `${formatTokens(progress.tokens)}, ${formatUsd(progress.costUsd)}`;

const attemptOf = (attempt: number): string => (attempt > 1 ? ` (attempt ${attempt})` : '');

/** One line for an event, given the progress after it; `undefined` for events not worth a line. */
export function describeEvent(
  event: WorkflowEvent,
  progress: Progress,
  now = Date.now(),
): string | undefined {
  switch (event.kind) {
    case 'project.started':
      return `project ${event.name === undefined ? '' : `"${event.name}" `}started`;
    case 'stage.dispatched':
      return `stage ${event.stage} started${attemptOf(event.attempt)}`;
    case 'stage.completed': {
      const took = event.durationMs === undefined ? '' : ` in ${formatDuration(event.durationMs)}`;
      const version = event.artifact === undefined ? '' : `, artifact v${event.artifact.version}`;
      return `stage ${event.stage} done${took}${version} (${totals(progress)})`;
    }
    case 'stage.failed': {
      const why = event.error === undefined ? '' : `: ${event.error.message}`;
      const next = event.willRetry ? '; will retry' : '; no attempts left';
      return `stage ${event.stage} failed${attemptOf(event.attempt)}${why}${next}`;
    }
    case 'approval.requested': {
      const after = event.stage === undefined ? '' : ` after stage ${event.stage}`;
      const reason = event.reason === undefined ? '' : ` (${event.reason})`;
      return `gate ${event.gate} is waiting for a decision${after}${attemptOf(event.attempt)}${reason}`;
    }
    case 'project.completed':
      return `project completed (${totals(progress)})`;
    case 'project.failed':
      return `project failed${event.stage === undefined ? '' : ` at stage ${event.stage}`}: ${event.cause ?? 'no cause given'}`;
    case 'project.cancelled':
      return `project cancelled${event.reason === undefined ? '' : `: ${event.reason}`}`;
    case 'cost': {
      // Indented: it belongs to the stage (or end) line above it.
      const soFar = progressLine(summarize(progress, now));
      if (event.stage === null || event.stageUsage === null) return `  in all: ${soFar}`;
      const { costUsd, totalTokens, cachedTokens } = event.stageUsage;
      const stage = `${formatUsd(costUsd)} (${tokensWithCached(totalTokens, cachedTokens)})`;
      return `  ${event.stage} cost ${stage}; so far: ${soFar}`;
    }
    case 'other':
      return event.type === 'end' ? undefined : `event ${event.type}`;
  }
}
