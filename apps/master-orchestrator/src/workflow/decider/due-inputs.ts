import { type Snapshot, type WorkflowInput } from '../workflow.types';
import { dueGateTimers } from './on-gate-timer';
import { isInFlight } from './in-flight';

/** An input the scheduler makes from the clock. */
export type TimerInput = Extract<
  WorkflowInput,
  { kind: 'task_timed_out' | 'retry_due' | 'gate_timer_due' }
>;

/** The timers of a project due at `now`: retries, attempts past deadline, gate timeouts. */
export function dueInputs(snapshot: Snapshot, now: Date): TimerInput[] {
  const at = now.getTime();
  const stages = snapshot.stages.flatMap((row): TimerInput[] => {
    const { stage, attempt } = row;
    if (isInFlight(row.state) && row.deadlineAt !== null && row.deadlineAt.getTime() <= at) {
      return [{ kind: 'task_timed_out', stage, attempt }];
    }
    if (row.nextAttemptAt !== null && row.nextAttemptAt.getTime() <= at) {
      return [{ kind: 'retry_due', stage, attempt }];
    }
    return [];
  });
  return [...stages, ...dueGateTimers(snapshot, now)];
}
