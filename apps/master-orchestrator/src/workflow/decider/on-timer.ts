import { type StageId } from '@agentbus/contracts';
import { type Decision } from '../workflow.types';
import { advance, isActive } from './advance';
import { releaseTask } from './budget';
import { type Draft } from './draft';
import { isInFlight } from './in-flight';
import { specOf } from './graph';
import { failAttempt } from './on-task-result';

type Due = { readonly stage: StageId; readonly attempt: number };

/** A timer that no longer applies; its timestamp is cleared so the scheduler stops seeing it. */
function notDue(draft: Draft, due: Due, column: 'deadlineAt' | 'nextAttemptAt'): Decision {
  const row = draft.stage(due.stage);
  const armed = column === 'deadlineAt' ? isInFlight(row.state) : row.state === 'pending';
  if (row[column] !== null && (!armed || !isActive(draft.project.state))) {
    draft.patchStage(due.stage, { [column]: null });
  }
  const detail = `${due.stage} is ${row.state} at attempt ${row.attempt} (timer for attempt ${due.attempt})`;
  return draft.decision({ reason: 'not_due', detail });
}

/** The attempt outlived its deadline: the orchestrator fails it (and cancels it) and retries. */
export function onTaskTimedOut(draft: Draft, due: Due): Decision {
  const row = draft.stage(due.stage);
  const late = row.deadlineAt !== null && row.deadlineAt.getTime() <= draft.now.getTime();
  const current = isInFlight(row.state) && row.attempt === due.attempt;
  if (!isActive(draft.project.state) || !current || !late || row.taskId === null) {
    return notDue(draft, due, 'deadlineAt');
  }
  const { timeoutMs } = specOf(draft.workflow, due.stage).retry;
  const error = { code: 'timeout', message: `no result within ${timeoutMs} ms`, retryable: true };
  draft.patchTask(row.taskId, { state: 'timed_out', finishedAt: draft.now, error });
  releaseTask(draft);
  draft.order({ kind: 'cancel', taskId: row.taskId, target: row.target });
  failAttempt(draft, due.stage, error);
  return draft.decision();
}

/** A retry's delay has passed: the stage is ready again and dispatched if nothing holds it. */
export function onRetryDue(draft: Draft, due: Due): Decision {
  const row = draft.stage(due.stage);
  const ready = row.nextAttemptAt !== null && row.nextAttemptAt.getTime() <= draft.now.getTime();
  const current = row.state === 'pending' && row.attempt === due.attempt;
  if (!isActive(draft.project.state) || !current || !ready) {
    return notDue(draft, due, 'nextAttemptAt');
  }
  draft.patchStage(due.stage, { nextAttemptAt: null });
  advance(draft);
  return draft.decision();
}
