import { type GateId, type StageId } from '@agentbus/contracts';
import { type GateSpec } from '../workflow.dag';
import { type ApprovalRow, type ApprovalState } from '../workflow.types';
import { type Draft } from './draft';
import { gateTimerFields } from './gate-timer-policy';
import { approvalIdFor } from './ids';

/** The gates waiting for a decision. */
export const openApprovals = (draft: Draft): ApprovalRow[] =>
  draft.approvals.filter((approval) => approval.state === 'open');

/** The gate's most recent attempt, if it ever opened. */
export function latestApproval(draft: Draft, gate: GateId): ApprovalRow | undefined {
  return draft.approvals
    .filter((approval) => approval.gate === gate)
    .reduce<ApprovalRow | undefined>(
      (latest, approval) => (latest && latest.attempt > approval.attempt ? latest : approval),
      undefined,
    );
}

/**
 * An enabled gate whose stage has succeeded but whose latest attempt was not approved: it must
 * (re)open before anything downstream runs. A stage's success always opens its gate in the same
 * decision, so "succeeded, gate not approved" also covers a restart after a rejection.
 */
export function unpassedGate(draft: Draft): GateSpec | undefined {
  return draft.workflow.gates.find(
    (gate) =>
      draft.project.gates[gate.id] &&
      draft.stage(gate.after).state === 'succeeded' &&
      latestApproval(draft, gate.id)?.state !== 'approved',
  );
}

/** Opens the next attempt of a gate: the project waits for a human (DESIGN §4 "Gates"). */
export function openGate(draft: Draft, gate: GateId, stage: StageId, reason?: string): void {
  const attempt = (latestApproval(draft, gate)?.attempt ?? 0) + 1;
  const approvalId = approvalIdFor(draft.project.id, gate, attempt);
  draft.insertApproval({
    id: approvalId,
    gate,
    attempt,
    stage,
    state: 'open',
    reason: reason ?? null,
    decision: null,
    comment: null,
    decidedBy: null,
    decidedAt: null,
    openedAt: draft.now,
    ...gateTimerFields(draft, gate),
  });
  draft.patchProject({ state: 'waiting_approval' });
  draft.emit({
    name: 'approval_requested',
    data: { approvalId, gate, attempt, stage, ...(reason === undefined ? {} : { reason }) },
  });
}

/** Closes open gates without a decision (cancel, failure, restart); a late decision gets 409. */
export function closeOpenGates(
  draft: Draft,
  which: (approval: ApprovalRow) => boolean = () => true,
): void {
  const closed: ApprovalState = 'closed';
  for (const approval of openApprovals(draft).filter(which)) {
    draft.patchApproval(approval.id, { state: closed });
  }
}
