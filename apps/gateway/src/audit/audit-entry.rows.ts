import { ApprovalsV1, DbTimestamp, StageId } from '@agentbus/contracts';
import { z } from 'zod';

/** Where a decision stands: applied by the orchestrator, or only accepted by the gateway. */
export const DECISION_STATUSES = ['applied', 'pending', 'not_applied'] as const;

const Entry = {
  id: z.string(),
  at: DbTimestamp,
  /** `at` to the microsecond, for the next cursor (a JS Date keeps milliseconds only). */
  position: z.string(),
  actor: z.string(),
};

const DecisionDetails = z.object({
  gate: ApprovalsV1.row.shape.gate,
  attempt: z.number().int(),
  stage: z.string().nullable(),
  decision: z.string(),
  comment: z.string().nullable(),
  status: z.enum(DECISION_STATUSES),
  /** The limits the approver asked for; null when none were given (or recorded). */
  raiseBudget: z.object({ maxTokens: z.number(), maxCostUsd: z.number() }).partial().nullable(),
  /** The gate's timeout decided it, as the system actor (absent in rows older than the column). */
  automatic: z.boolean().optional(),
});

/** An approval (or open request) a restart made obsolete; the actor is who asked for the restart. */
const SupersededDetails = z.object({
  gate: ApprovalsV1.row.shape.gate,
  attempt: z.number().int(),
  stage: z.string().nullable(),
  /** The restart's stage; null when the restart is not in the gateway's command log. */
  fromStage: StageId.nullable(),
  /** The decision that no longer stands; null for a request that was still open. */
  decision: z.string().nullable(),
});

/** One row of the audit statement: an entry with the details of its kind. */
export const AuditRow = z.discriminatedUnion('kind', [
  z.object({ ...Entry, kind: z.literal('submitted'), details: z.object({ name: z.string() }) }),
  z.object({ ...Entry, kind: z.literal('decision'), details: DecisionDetails }),
  z.object({ ...Entry, kind: z.literal('budget_raised'), details: DecisionDetails }),
  z.object({
    ...Entry,
    kind: z.literal('cancel'),
    details: z.object({ reason: z.string().optional() }),
  }),
  z.object({ ...Entry, kind: z.literal('restart'), details: z.object({ fromStage: StageId }) }),
  z.object({ ...Entry, kind: z.literal('superseded'), details: SupersededDetails }),
]);
export type AuditRow = z.infer<typeof AuditRow>;

/** The kinds of entry, in the order the API documents them. */
export const AUDIT_KINDS = [
  'submitted',
  'decision',
  'budget_raised',
  'cancel',
  'restart',
  'superseded',
] as const;
export type AuditKind = AuditRow['kind'];
