import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { GateId } from './stages';

const Opening = {
  projectId: z.uuid(),
  approvalId: z.uuid(),
  gate: GateId,
  attempt: z.number().int().positive(),
};

/** Nobody decided a gate in time and its default action is `remind`: it keeps waiting. */
export const ApprovalRemindedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'approval',
  event: 'reminded',
  kind: 'event',
  description: 'a gate is still waiting after its timeout; reviewers are reminded',
  data: z.strictObject({
    ...Opening,
    /** 1 for the first reminder of this opening. */
    reminder: z.number().int().positive(),
    maxReminders: z.number().int().positive(),
    openedAt: z.iso.datetime({ offset: true }),
    /** When the next reminder is due; absent after the last one (the gate then just waits). */
    nextReminderAt: z.iso.datetime({ offset: true }).optional(),
  }),
});
export type ApprovalRemindedV1 = MessageOf<typeof ApprovalRemindedV1>;

/** Nobody decided a gate in time: the orchestrator applied its default action as `system`. */
export const ApprovalTimedOutV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'approval',
  event: 'timed-out',
  kind: 'event',
  description: 'a gate timed out and its default action (approve or reject) was applied',
  data: z.strictObject({
    ...Opening,
    action: z.enum(['approve', 'reject']),
    afterSeconds: z.number().int().positive(),
    openedAt: z.iso.datetime({ offset: true }),
  }),
});
export type ApprovalTimedOutV1 = MessageOf<typeof ApprovalTimedOutV1>;
