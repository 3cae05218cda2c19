import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { APP_NAMES } from '../names';
import { Actor } from '../shared-schemas';

/**
 * An admin asked to delete a finished project's data everywhere. Every service that keeps rows,
 * artifacts or memory derived from the project consumes it (one durable each, in `CONSUMERS`),
 * deletes what it owns exactly once (inbox) and answers with {@link ProjectDataDeletedV1}.
 * The gateway waits for an answer from every app with a durable on this message.
 */
export const ProjectDeletionRequestedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'project',
  event: 'deletion-requested',
  kind: 'command',
  description:
    "an admin asked to delete a finished project's data in every service (rows, artifacts, memory)",
  data: z.strictObject({
    projectId: z.uuid(),
    requestedBy: Actor,
  }),
});
export type ProjectDeletionRequestedV1 = MessageOf<typeof ProjectDeletionRequestedV1>;

/** One service deleted everything it kept of a project (answers {@link ProjectDeletionRequestedV1}). */
export const ProjectDataDeletedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'project-data',
  event: 'deleted',
  kind: 'event',
  description: 'a service deleted every row, artifact or memory entry it kept of a project',
  data: z.strictObject({
    projectId: z.uuid(),
    service: z.enum(APP_NAMES),
    /** Rows (or entries) deleted; 0 when a duplicate or an unknown project found nothing. */
    deleted: z.number().int().nonnegative(),
  }),
});
export type ProjectDataDeletedV1 = MessageOf<typeof ProjectDataDeletedV1>;
