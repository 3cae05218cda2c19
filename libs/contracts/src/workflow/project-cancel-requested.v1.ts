import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { Actor } from '../shared-schemas';

/** A client asked to stop a project; in-flight tasks are cancelled. */
export const ProjectCancelRequestedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'project',
  event: 'cancel-requested',
  kind: 'command',
  description: 'a client asked to cancel a project',
  data: z.strictObject({
    projectId: z.uuid(),
    reason: z.string().max(2_000).optional(),
    requestedBy: Actor,
  }),
});
export type ProjectCancelRequestedV1 = MessageOf<typeof ProjectCancelRequestedV1>;
