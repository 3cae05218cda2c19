import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { ArtifactRef, TaskError } from '../shared-schemas';
import { StageId, TaskTarget } from './stages';

const StageKey = {
  projectId: z.uuid(),
  stage: StageId,
  attempt: z.number().int().positive(),
};

/** A stage's task was sent to a worker pool. */
export const StageDispatchedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'stage',
  event: 'dispatched',
  kind: 'event',
  description: 'a stage attempt was dispatched as a task',
  data: z.strictObject({ ...StageKey, taskId: z.uuid(), target: TaskTarget }),
});
export type StageDispatchedV1 = MessageOf<typeof StageDispatchedV1>;

/**
 * A worker began a stage's task, so the stage is `running`. Written by the orchestrator to the
 * project's event log (the SSE feed) when a task's started message arrives; never relayed to the
 * bus, since nothing consumes it.
 */
export const StageRunningV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'stage',
  event: 'running',
  kind: 'event',
  description: 'a worker began a stage attempt (event log and SSE only, not published)',
  eventLogOnly: true,
  data: z.strictObject({
    ...StageKey,
    taskId: z.uuid(),
    startedAt: z.iso.datetime({ offset: true }),
    worker: z.string().max(200).optional(),
  }),
});
export type StageRunningV1 = MessageOf<typeof StageRunningV1>;

/** A stage attempt produced its artifact. */
export const StageCompletedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'stage',
  event: 'completed',
  kind: 'event',
  description: 'a stage attempt succeeded and its artifact is stored',
  data: z.strictObject({
    ...StageKey,
    artifact: ArtifactRef,
    durationMs: z.number().int().nonnegative(),
  }),
});
export type StageCompletedV1 = MessageOf<typeof StageCompletedV1>;

/** A stage attempt failed; `willRetry` says whether another attempt is scheduled. */
export const StageFailedV1 = defineMessage({
  domain: 'workflow',
  version: 1,
  entity: 'stage',
  event: 'failed',
  kind: 'event',
  description: 'a stage attempt failed',
  data: z.strictObject({
    ...StageKey,
    error: TaskError,
    willRetry: z.boolean(),
    nextAttemptAt: z.iso.datetime({ offset: true }).optional(),
  }),
});
export type StageFailedV1 = MessageOf<typeof StageFailedV1>;
