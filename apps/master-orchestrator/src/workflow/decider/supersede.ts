import { type StageId } from '@agentbus/contracts';
import { type ApprovalState } from '../workflow.types';
import { type Draft } from './draft';

const STANDING: readonly ApprovalState[] = ['open', 'approved'];

/**
 * A restart re-runs the `reset` stages, so each configurable gate placed after one of them no
 * longer stands: its approval vouched for an artifact about to be made again, and an open request
 * asks about one being thrown away. Both become `superseded` (when, and by which restart), and the
 * gate asks again when the project reaches it. Decisions that stopped or revised the project
 * (rejected, changes requested) stay as they were; budget gates are left to the caller.
 */
export function supersedeGates(
  draft: Draft,
  reset: ReadonlySet<StageId>,
  requestId: string | undefined,
): void {
  for (const approval of draft.approvals) {
    if (approval.gate === 'budget_exceeded' || !STANDING.includes(approval.state)) continue;
    if (approval.stage === null || !reset.has(approval.stage)) continue;
    draft.patchApproval(approval.id, {
      state: 'superseded',
      supersededAt: draft.now,
      supersededBy: requestId ?? null,
    });
  }
}
