import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { ArtifactRef, TaskError } from '../shared-schemas';
import { TaskInput, TaskKey } from '../task/cpu-task.v1';

/** GPU resources a job asks for. */
export const GpuResources = z.strictObject({
  gpus: z.number().int().min(1).max(16),
  gpuType: z.string().max(100).optional(),
  memoryGi: z.number().positive().max(1024),
  cpu: z.number().positive().max(256).optional(),
});

/** The orchestrator asked for an ML/CV job on a GPU. */
export const GpuJobRequestedV1 = defineMessage({
  domain: 'gpu',
  version: 1,
  entity: 'job',
  event: 'requested',
  kind: 'command',
  description: 'run an ML/CV job (e.g. a feasibility benchmark) on a GPU',
  data: z.strictObject({
    ...TaskKey,
    kind: z.enum(['feasibility', 'benchmark', 'training', 'inference']),
    resources: GpuResources,
    inputs: z.array(TaskInput).max(32),
    deadlineAt: z.iso.datetime({ offset: true }),
  }),
});
export type GpuJobRequestedV1 = MessageOf<typeof GpuJobRequestedV1>;

/** A Job (or local process) for a GPU task was created. */
export const GpuJobStartedV1 = defineMessage({
  domain: 'gpu',
  version: 1,
  entity: 'job',
  event: 'started',
  kind: 'event',
  description: 'the controller created the job for a GPU task',
  data: z.strictObject({
    ...TaskKey,
    jobName: z.string().min(1).max(63),
    backend: z.enum(['kubernetes', 'local']),
  }),
});
export type GpuJobStartedV1 = MessageOf<typeof GpuJobStartedV1>;

/** A GPU job finished and its result is stored as an artifact. */
export const GpuJobSucceededV1 = defineMessage({
  domain: 'gpu',
  version: 1,
  entity: 'job',
  event: 'succeeded',
  kind: 'event',
  description: 'a GPU job finished and its result is stored',
  data: z.strictObject({
    ...TaskKey,
    artifact: ArtifactRef,
    durationMs: z.number().int().nonnegative(),
  }),
});
export type GpuJobSucceededV1 = MessageOf<typeof GpuJobSucceededV1>;

/** A GPU job failed (including never scheduled before its pending timeout). */
export const GpuJobFailedV1 = defineMessage({
  domain: 'gpu',
  version: 1,
  entity: 'job',
  event: 'failed',
  kind: 'event',
  description: 'a GPU job failed or was never scheduled',
  data: z.strictObject({ ...TaskKey, error: TaskError }),
});
export type GpuJobFailedV1 = MessageOf<typeof GpuJobFailedV1>;

/** Delete the GPU jobs of a project (or one task). */
export const GpuJobCancelRequestedV1 = defineMessage({
  domain: 'gpu',
  version: 1,
  entity: 'job',
  event: 'cancel-requested',
  kind: 'command',
  description: 'delete the GPU jobs of a project',
  data: z.strictObject({ projectId: z.uuid(), taskId: z.uuid().optional() }),
});
export type GpuJobCancelRequestedV1 = MessageOf<typeof GpuJobCancelRequestedV1>;
