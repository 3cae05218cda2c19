import { DEFAULT_WORKFLOW, type Workflow } from './workflow.dag';
import { type Decision, type Snapshot, type WorkflowInput } from './workflow.types';
import { Draft } from './decider/draft';
import { onApprovalDecided } from './decider/on-approval';
import { onGateTimerDue } from './decider/on-gate-timer';
import { onCancelRequested, onRestartRequested, onSubmitted } from './decider/on-command';
import { onRetryDue, onTaskTimedOut } from './decider/on-timer';
import { onTaskFailed, onTaskSucceeded } from './decider/on-task-result';

/**
 * The workflow, purely (STYLE principle 2): given a project's snapshot, one input and the time, the
 * rows to write and the messages to send. No I/O, no clock, no randomness: the same arguments
 * always give the same decision, which is what lets handlers and the scheduler share it.
 */
export function decide(
  snapshot: Snapshot | undefined,
  input: WorkflowInput,
  now: Date,
  workflow: Workflow = DEFAULT_WORKFLOW,
): Decision {
  if (input.kind === 'submitted') return onSubmitted(snapshot, input.project, workflow, now);
  if (snapshot === undefined) {
    return { changes: [], effects: [], ignored: { reason: 'unknown_project', detail: input.kind } };
  }
  const draft = new Draft(snapshot, workflow, now);
  switch (input.kind) {
    case 'task_succeeded':
      return onTaskSucceeded(draft, input);
    case 'task_failed':
      return onTaskFailed(draft, input);
    case 'task_timed_out':
      return onTaskTimedOut(draft, input);
    case 'retry_due':
      return onRetryDue(draft, input);
    case 'gate_timer_due':
      return onGateTimerDue(draft, input);
    case 'approval_decided':
      return onApprovalDecided(draft, input);
    case 'cancel_requested':
      return onCancelRequested(draft, input.reason);
    case 'restart_requested':
      return onRestartRequested(draft, input);
  }
}
