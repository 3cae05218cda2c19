import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { Actor, MemoryPatternId } from '../shared-schemas';
import { StageId } from './stages';

/** A client asked to re-run a stage and everything downstream of it. */
export const ProjectRestartRequestedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'project',
  event: 'restart-requested',
  kind: 'command',
  description: 'a client asked to restart a project from a stage, keeping earlier artifacts',
  data: z.strictObject({
    projectId: z.uuid(),
    fromStage: StageId,
    requestedBy: Actor,
    /** Memory patterns a reviewer excludes for the project from now on (kept across restarts). */
    excludePatterns: z.array(MemoryPatternId).max(200).optional(),
  }),
});
export type ProjectRestartRequestedV1 = MessageOf<typeof ProjectRestartRequestedV1>;
