import { type Snapshot, type WorkflowInput } from '../workflow.types';
import { isInFlight } from './in-flight';

/** An input the scheduler makes from the clock. */
export type TimerInput = Extract<WorkflowInput, { kind: 'task_timed_out' | 'retry_due' }>;

/** The timers of a project that are due at `now`: retries to start and attempts past deadline. */
export function dueInputs(snapshot: Snapshot, now: Date): TimerInput[] {
  const at = now.getTime();
  return snapshot.stages.flatMap((row): TimerInput[] => {
    const { stage, attempt } = row;
    if (isInFlight(row.state) && row.deadlineAt !== null && row.deadlineAt.getTime() <= at) {
      return [{ kind: 'task_timed_out', stage, attempt }];
    }
    if (row.nextAttemptAt !== null && row.nextAttemptAt.getTime() <= at) {
      return [{ kind: 'retry_due', stage, attempt }];
    }
    return [];
  });
}
