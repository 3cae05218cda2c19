import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { StageId } from './stages';

/** The orchestrator accepted a project and started its first stage. */
export const ProjectStartedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'project',
  event: 'started',
  kind: 'event',
  description: 'the orchestrator accepted a project and began its workflow',
  data: z.strictObject({ projectId: z.uuid(), name: z.string() }),
});
export type ProjectStartedV1 = MessageOf<typeof ProjectStartedV1>;

/** Every stage of a project succeeded. */
export const ProjectCompletedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'project',
  event: 'completed',
  kind: 'event',
  description: 'a project finished with every stage succeeded',
  data: z.strictObject({
    projectId: z.uuid(),
    artifactIds: z.array(z.uuid()),
    totalTokens: z.number().int().nonnegative(),
    totalCostUsd: z.number().nonnegative(),
  }),
});
export type ProjectCompletedV1 = MessageOf<typeof ProjectCompletedV1>;

/** A project stopped for good: a stage ran out of attempts, a gate was rejected, or input was bad. */
export const ProjectFailedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'project',
  event: 'failed',
  kind: 'event',
  description: 'a project failed, with its cause',
  data: z.strictObject({
    projectId: z.uuid(),
    stage: StageId.optional(),
    cause: z.string().max(4_000),
  }),
});
export type ProjectFailedV1 = MessageOf<typeof ProjectFailedV1>;

/** A project was cancelled on request. */
export const ProjectCancelledV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'project',
  event: 'cancelled',
  kind: 'event',
  description: 'a project was cancelled and its in-flight tasks were told to stop',
  data: z.strictObject({ projectId: z.uuid(), reason: z.string().max(2_000).optional() }),
});
export type ProjectCancelledV1 = MessageOf<typeof ProjectCancelledV1>;
