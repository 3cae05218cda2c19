import { type Snapshot, type WorkflowInput } from '../workflow.types';

/** The timers of a project that are due at `now`: retries to start and attempts past deadline. */
export function dueInputs(snapshot: Snapshot, now: Date): WorkflowInput[] {
  const at = now.getTime();
  return snapshot.stages.flatMap((row): WorkflowInput[] => {
    const { stage, attempt } = row;
    if (row.state === 'dispatched' && row.deadlineAt !== null && row.deadlineAt.getTime() <= at) {
      return [{ kind: 'task_timed_out', stage, attempt }];
    }
    if (row.nextAttemptAt !== null && row.nextAttemptAt.getTime() <= at) {
      return [{ kind: 'retry_due', stage, attempt }];
    }
    return [];
  });
}
