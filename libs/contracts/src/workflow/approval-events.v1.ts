import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { Actor } from '../shared-schemas';
import { Decision, GateId, StageId } from './stages';

/** A gate opened: the project waits for a human decision. */
export const ApprovalRequestedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'approval',
  event: 'requested',
  kind: 'event',
  description: 'a gate opened and waits for a decision',
  data: z.strictObject({
    projectId: z.uuid(),
    approvalId: z.uuid(),
    gate: GateId,
    attempt: z.number().int().positive(),
    stage: StageId.optional(),
    reason: z.string().max(2_000).optional(),
  }),
});
export type ApprovalRequestedV1 = MessageOf<typeof ApprovalRequestedV1>;

/** A human decided a gate (the gateway's command to the orchestrator). */
export const ApprovalDecidedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'approval',
  event: 'decided',
  kind: 'command',
  description: 'a reviewer approved, rejected or requested changes at a gate',
  data: z.strictObject({
    projectId: z.uuid(),
    approvalId: z.uuid(),
    gate: GateId,
    attempt: z.number().int().positive(),
    decision: Decision,
    comment: z.string().max(20_000).optional(),
    decidedBy: Actor,
    // Only for budget_exceeded: the raised limits an approver grants.
    raiseBudget: z
      .strictObject({
        maxTokens: z.number().int().positive().optional(),
        maxCostUsd: z.number().positive().optional(),
      })
      .optional(),
  }),
});
export type ApprovalDecidedV1 = MessageOf<typeof ApprovalDecidedV1>;
