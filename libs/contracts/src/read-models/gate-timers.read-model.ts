import { z } from 'zod';
import { GateTimeoutAction } from '../workflow/gate-timeouts';
import { DbTimestamp } from './orchestrator.read-models';
import { defineReadModel } from './read-model';

/**
 * The timeout of a gate opening that has one (an `approvals_v1` row by `approval_id`): its default
 * action, when it is due, the reminders sent, and whether the timeout decided the gate. Published
 * beside `approvals_v1` (migration 1766030000000) rather than as its v2, so readers of v1 are
 * untouched and a gate without a timeout has no row.
 */
export const GateTimersV1 = defineReadModel({
  owner: 'master-orchestrator',
  name: 'gate_timers',
  version: 1,
  row: z.object({
    approval_id: z.string(),
    project_id: z.string(),
    action: GateTimeoutAction,
    after_seconds: z.number().int(),
    /** remind only: the most reminders this opening sends. */
    max_reminders: z.number().int().nullable(),
    reminders_sent: z.number().int(),
    /** When the default action (or the next reminder) applies; null once nothing more will. */
    deadline_at: DbTimestamp.nullable(),
    decided_by_timeout: z.boolean(),
  }),
});
export type GateTimersV1Row = z.infer<typeof GateTimersV1.row>;
