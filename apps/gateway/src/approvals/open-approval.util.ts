import { type GateId } from '@agentbus/contracts';
import { ConflictError } from '../http/problem/problem.errors';
import { type ApprovalRow } from './approval.repository';

/**
 * The approval a decision is about, if it is open (and is the attempt the client names); else the
 * 409 that says why not: never opened, already decided or closed, or another attempt is open.
 */
export function openApproval(
  approval: ApprovalRow | undefined,
  gate: GateId,
  attempt: number | undefined,
): ApprovalRow {
  if (approval === undefined) throw notOpenYet(gate);
  if (approval.state === 'superseded') throw notOpenYet(gate, approval.attempt);
  if (approval.state !== 'open') {
    const by =
      approval.decision === null
        ? ''
        : `: ${approval.decision} by ${approval.decided_by ?? 'unknown'}`;
    throw new ConflictError(
      'gate-not-open',
      `The ${gate} gate (attempt ${approval.attempt}) is ${approval.state}${by}.`,
      { gate, attempt: approval.attempt },
    );
  }
  if (attempt !== undefined && attempt !== approval.attempt) {
    throw new ConflictError(
      'gate-attempt-not-open',
      `Attempt ${attempt} of the ${gate} gate is not open; attempt ${approval.attempt} is.`,
      { gate, attempt: approval.attempt },
    );
  }
  return approval;
}

/** 409: a decision for this gate opening was already accepted (it may not be applied yet). */
export const alreadyDecided = (
  gate: GateId,
  attempt: number,
  earlier: { decision: string; decided_by: string },
): ConflictError =>
  new ConflictError(
    'gate-already-decided',
    `The ${gate} gate (attempt ${attempt}) was already decided: ${earlier.decision} by ${earlier.decided_by}.`,
    { gate, attempt },
  );

const WHEN_OPEN =
  'Nothing was recorded: decide once it is open (GET /v1/approvals?state=open lists open gates; ' +
  'the project events announce approval_requested).';

/**
 * 409 for a decision that came before its gate opened (or before it opened again after a restart
 * superseded it): refused, never kept for later, so the reviewer decides on what the gate shows.
 */
export const notOpenYet = (gate: GateId, superseded?: number): ConflictError =>
  new ConflictError(
    'gate-not-open',
    superseded === undefined
      ? `The ${gate} gate of this project is not open yet: it opens when the stage before it succeeds (or, for budget_exceeded, when the budget runs out). ${WHEN_OPEN}`
      : `The ${gate} gate (attempt ${superseded}) was superseded by a restart and is not open yet: it opens again when the project reaches it. ${WHEN_OPEN}`,
    superseded === undefined ? { gate } : { gate, attempt: superseded },
  );
