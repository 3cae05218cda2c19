import { type GateId } from '@agentbus/contracts';
import { type Workflow } from '../workflow.dag';
import { type ApprovalRow, type GateTimer, type ProjectRow } from '../workflow.types';
import { type Draft } from './draft';

type TimerFields = Pick<
  ApprovalRow,
  'timeout' | 'deadlineAt' | 'remindersSent' | 'decidedByTimeout'
>;

/** `seconds` after `from`. */
export const later = (from: Date, seconds: number): Date =>
  new Date(from.getTime() + seconds * 1_000);

/**
 * A gate's timeout: the project's own for that gate (`null` there means none), else the
 * orchestrator's default. Only configurable gates time out: an automatic approval of
 * `budget_exceeded` would raise a budget nobody agreed to.
 */
export function gateTimerFor(
  project: ProjectRow,
  workflow: Workflow,
  gate: GateId,
): GateTimer | null {
  const configurable = workflow.gates.find((spec) => spec.id === gate);
  if (configurable === undefined) return null;
  const own = project.gateTimeouts[configurable.id];
  const chosen = own === undefined ? workflow.gateTimeouts.fallback : own;
  if (chosen === null) return null;
  const reminders = chosen.maxReminders ?? workflow.gateTimeouts.maxReminders;
  return {
    action: chosen.action,
    afterSeconds: chosen.afterSeconds,
    maxReminders: chosen.action === 'remind' ? reminders : null,
  };
}

/** The timer fields of a gate opening at `draft.now`: armed when the gate has a timeout. */
export function gateTimerFields(draft: Draft, gate: GateId): TimerFields {
  const timeout = gateTimerFor(draft.project, draft.workflow, gate);
  const deadlineAt = timeout === null ? null : later(draft.now, timeout.afterSeconds);
  return { timeout, deadlineAt, remindersSent: 0, decidedByTimeout: false };
}
