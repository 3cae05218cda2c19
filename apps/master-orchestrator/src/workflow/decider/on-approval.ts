import {
  type ApprovalRow,
  type ApprovalState,
  type Budget,
  type Decision,
} from '../workflow.types';
import { type WorkflowInput } from '../workflow.types';
import { advance, isActive, readyStages } from './advance';
import { budgetCovering } from './budget';
import { type Draft } from './draft';
import { latestApproval } from './gates';
import { failProject } from './stop';

type Decided = Extract<WorkflowInput, { kind: 'approval_decided' }>;

function record(draft: Draft, approval: ApprovalRow, decided: Decided, state: ApprovalState) {
  draft.patchApproval(approval.id, {
    state,
    decision: decided.decision,
    comment: decided.comment ?? null,
    decidedBy: decided.decidedBy,
    decidedAt: draft.now,
  });
}

/** The limits an approver grants: the ones given, else just enough for what is ready now. */
function raisedBudget(draft: Draft, raise: Budget | undefined): Budget {
  const given = {
    ...(raise?.maxTokens === undefined ? {} : { maxTokens: raise.maxTokens }),
    ...(raise?.maxCostUsd === undefined ? {} : { maxCostUsd: raise.maxCostUsd }),
  };
  if (Object.keys(given).length > 0) return { ...draft.project.budget, ...given };
  const waiting = Math.max(1, readyStages(draft).length);
  return budgetCovering(draft.project, draft.workflow.estimate, waiting);
}

function approve(draft: Draft, approval: ApprovalRow, decided: Decided): void {
  record(draft, approval, decided, 'approved');
  if (approval.gate === 'budget_exceeded') {
    draft.patchProject({ budget: raisedBudget(draft, decided.raiseBudget) });
  }
  advance(draft);
}

function reject(draft: Draft, approval: ApprovalRow, decided: Decided): void {
  record(draft, approval, decided, 'rejected');
  const reason = decided.comment ? `: ${decided.comment}` : '';
  failProject(draft, `${approval.gate} rejected by ${decided.decidedBy}${reason}`, approval.stage);
}

/** The gated stage runs again as a revision of its last version, then the gate asks again. */
function requestChanges(draft: Draft, approval: ApprovalRow, decided: Decided): Decision {
  const stage = approval.stage === null ? null : draft.stage(approval.stage);
  if (approval.gate === 'budget_exceeded' || stage === null || stage.artifact === null) {
    const detail = `request_changes does not apply to ${approval.gate}`;
    return draft.decision({ reason: 'decision_not_applicable', detail });
  }
  record(draft, approval, decided, 'changes_requested');
  draft.patchStage(stage.stage, {
    state: 'pending',
    failures: 0,
    startedAt: null,
    finishedAt: null,
    revision: { comment: decided.comment ?? '', previous: stage.artifact },
  });
  advance(draft);
  return draft.decision();
}

/**
 * A human decided a gate. Only the open attempt of the gate can be decided (idempotent by gate
 * and attempt); anything else is recorded and ignored, and the gateway answers 409 from state.
 */
export function onApprovalDecided(draft: Draft, decided: Decided): Decision {
  const approval = draft.approvals.find(
    (candidate) =>
      candidate.state === 'open' &&
      candidate.id === decided.approvalId &&
      candidate.gate === decided.gate &&
      candidate.attempt === decided.attempt,
  );
  if (approval === undefined || !isActive(draft.project.state)) {
    const latest = latestApproval(draft, decided.gate);
    const now = latest ? `attempt ${latest.attempt} is ${latest.state}` : 'it never opened';
    const detail = `${decided.gate} attempt ${decided.attempt} is not open (${now})`;
    return draft.decision({ reason: 'gate_not_open', detail });
  }
  switch (decided.decision) {
    case 'approve':
      approve(draft, approval, decided);
      return draft.decision();
    case 'reject':
      reject(draft, approval, decided);
      return draft.decision();
    case 'request_changes':
      return requestChanges(draft, approval, decided);
  }
}
