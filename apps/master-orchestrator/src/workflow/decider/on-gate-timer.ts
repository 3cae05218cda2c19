import { SYSTEM_ACTOR } from '@agentbus/contracts';
import {
  type ApprovalRow,
  type Decision,
  type GateTimer,
  type Snapshot,
  type WorkflowInput,
} from '../workflow.types';
import { isActive } from './advance';
import { type Draft } from './draft';
import { later } from './gate-timer-policy';
import { onApprovalDecided } from './on-approval';

/** The scheduler's input for a gate whose timeout (or next reminder) is due. */
export type GateTimerDue = Extract<WorkflowInput, { kind: 'gate_timer_due' }>;

/** The open gates whose timeout or next reminder is due at `now`. */
export function dueGateTimers(snapshot: Snapshot, now: Date): GateTimerDue[] {
  return snapshot.approvals
    .filter((row) => row.state === 'open' && row.deadlineAt !== null && row.deadlineAt <= now)
    .map((row) => ({
      kind: 'gate_timer_due',
      approvalId: row.id,
      gate: row.gate,
      attempt: row.attempt,
      firing: row.remindersSent,
    }));
}

/** Reminds the reviewers; the next reminder is one timeout from now, until the bound. */
function remind(draft: Draft, approval: ApprovalRow, timer: GateTimer): Decision {
  const reminder = approval.remindersSent + 1;
  const maxReminders = timer.maxReminders ?? 1;
  // From now, not from the missed deadline: an orchestrator that was down sends one reminder on
  // its return, not the whole backlog at once.
  const next = reminder < maxReminders ? later(draft.now, timer.afterSeconds) : null;
  draft.patchApproval(approval.id, { remindersSent: reminder, deadlineAt: next });
  draft.emit({
    name: 'approval_reminded',
    data: {
      approvalId: approval.id,
      gate: approval.gate,
      attempt: approval.attempt,
      reminder,
      maxReminders,
      openedAt: approval.openedAt.toISOString(),
      ...(next === null ? {} : { nextReminderAt: next.toISOString() }),
    },
  });
  return draft.decision();
}

/**
 * The default action, applied exactly as a reviewer's decision would be (same rules, same
 * events after it), by {@link SYSTEM_ACTOR} and marked as decided by the timeout.
 */
function decideByTimeout(
  draft: Draft,
  approval: ApprovalRow,
  timer: GateTimer,
  action: 'approve' | 'reject',
): Decision {
  const { id, gate, attempt, openedAt } = approval;
  draft.emit({
    name: 'approval_timed_out',
    data: {
      approvalId: id,
      gate,
      attempt,
      action,
      afterSeconds: timer.afterSeconds,
      openedAt: openedAt.toISOString(),
    },
  });
  draft.patchApproval(id, { decidedByTimeout: true, deadlineAt: null });
  const comment = `no decision within ${timer.afterSeconds} s: default action ${action}`;
  return onApprovalDecided(draft, {
    kind: 'approval_decided',
    approvalId: id,
    gate,
    attempt,
    decision: action,
    comment,
    decidedBy: SYSTEM_ACTOR,
  });
}

/**
 * A gate's timer fired. It applies only to the open opening it was armed for, at the firing it
 * was armed for, once due: a reviewer who decided first (or a cancel, or an earlier firing)
 * leaves it nothing to do, and the project row lock makes exactly one of them win.
 */
export function onGateTimerDue(draft: Draft, due: GateTimerDue): Decision {
  const approval = draft.approvals.find((row) => row.id === due.approvalId);
  const timer = approval?.timeout ?? null;
  const current =
    approval !== undefined &&
    approval.state === 'open' &&
    approval.remindersSent === due.firing &&
    approval.deadlineAt !== null &&
    approval.deadlineAt <= draft.now;
  if (!current || timer === null || !isActive(draft.project.state)) {
    // A deadline that can never apply is cleared, so the scheduler stops finding it.
    const stuck = approval !== undefined && (timer === null || !isActive(draft.project.state));
    if (stuck && approval.deadlineAt !== null) {
      draft.patchApproval(approval.id, { deadlineAt: null });
    }
    const state = approval === undefined ? 'unknown' : approval.state;
    const detail = `${due.gate} attempt ${due.attempt} is ${state} (timer firing ${due.firing})`;
    return draft.decision({ reason: 'not_due', detail });
  }
  return timer.action === 'remind'
    ? remind(draft, approval, timer)
    : decideByTimeout(draft, approval, timer, timer.action);
}
