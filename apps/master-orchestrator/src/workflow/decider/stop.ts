import { type StageId } from '@agentbus/contracts';
import { isInFlight } from './in-flight';
import { releaseTask } from './budget';
import { type Draft } from './draft';
import { closeOpenGates } from './gates';

// ProjectFailedV1.cause is capped at 4 000 characters.
const MAX_CAUSE = 4_000;

/** Tells the worker to stop the stage's in-flight task and gives back its reservation. */
export function cancelTaskOf(draft: Draft, stage: StageId): void {
  const row = draft.stage(stage);
  if (!isInFlight(row.state)) return;
  if (row.taskId === null) return;
  draft.patchTask(row.taskId, { state: 'cancelled', finishedAt: draft.now });
  releaseTask(draft);
  draft.order({ kind: 'cancel', taskId: row.taskId, target: row.target });
}

/** Stops everything in flight: tasks cancelled, retries unscheduled, open gates closed. */
export function stopInFlight(draft: Draft, pendingTo: 'pending' | 'cancelled'): void {
  for (const row of draft.stages) {
    if (isInFlight(row.state)) {
      cancelTaskOf(draft, row.stage);
      draft.patchStage(row.stage, { state: 'cancelled', finishedAt: draft.now, deadlineAt: null });
    } else if (row.state === 'pending' && (pendingTo !== 'pending' || row.nextAttemptAt)) {
      draft.patchStage(row.stage, { state: pendingTo, nextAttemptAt: null });
    }
  }
  closeOpenGates(draft);
}

/** Fails the project for good with its cause (a stage out of attempts, a rejected gate). */
export function failProject(draft: Draft, cause: string, stage: StageId | null): void {
  stopInFlight(draft, 'pending');
  const trimmed = cause.length > MAX_CAUSE ? `${cause.slice(0, MAX_CAUSE - 1)}…` : cause;
  draft.patchProject({ state: 'failed', failureCause: trimmed, failedStage: stage });
  draft.emit({
    name: 'project_failed',
    data: { cause: trimmed, ...(stage === null ? {} : { stage }) },
  });
}
