import { gateTimeoutView } from './gate-timeout-view.mapper';
import { type ApprovalRow, type DecisionRow, type GateTimerRow } from './project-detail.rows';
import { type GateView } from './project-detail.views';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/**
 * A gate opening as the API shows it. While a decision the gateway accepted has not been applied
 * by the orchestrator yet, the gate already shows it (`decision_pending`, no longer open), so a
 * client reads its own write.
 */
export function gateView(
  row: ApprovalRow,
  pending: DecisionRow | undefined,
  timer?: GateTimerRow,
): GateView {
  const view: GateView = {
    id: row.id,
    gate: row.gate,
    attempt: row.attempt,
    open: row.state === 'open',
    state: row.state,
    stage: row.stage,
    reason: row.reason,
    decision: row.decision,
    comment: row.comment,
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
    openedAt: row.opened_at.toISOString(),
    timeout: gateTimeoutView(timer),
    supersededAt: iso(row.superseded_at),
  };
  if (!view.open || pending === undefined) return view;
  return {
    ...view,
    open: false,
    state: 'decision_pending',
    decision: pending.decision,
    comment: pending.comment,
    decidedBy: pending.decided_by,
    decidedAt: pending.created_at.toISOString(),
  };
}
