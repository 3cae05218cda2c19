import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';
import { ArtifactRef, LlmUsage, MemoryPatternId, TaskError } from '../shared-schemas';
import { AgentId, StageId } from '../workflow/stages';

/** Fences a task: a result for an attempt that is no longer current is recorded and ignored. */
export const TaskKey = {
  taskId: z.uuid(),
  projectId: z.uuid(),
  stage: StageId,
  attempt: z.number().int().positive(),
};

/** An earlier artifact a task reads, by id and hash (the body stays in Postgres). */
export const TaskInput = z.strictObject({ stage: StageId, artifact: ArtifactRef });
export type TaskInput = z.infer<typeof TaskInput>;

/**
 * The project's memory choices a task carries: its template (a `template` pattern, always first in
 * the prompt's memory) and the patterns a reviewer excluded for the project (never in a prompt).
 */
export const TaskMemory = z.strictObject({
  templateId: MemoryPatternId.optional(),
  excludePatternIds: z.array(MemoryPatternId).max(200).optional(),
});
export type TaskMemory = z.infer<typeof TaskMemory>;

/** What a CPU task request carries; the same in every priority lane. */
const CpuTaskRequestData = z.strictObject({
  ...TaskKey,
  agent: AgentId,
  inputs: z.array(TaskInput).max(32),
  deadlineAt: z.iso.datetime({ offset: true }),
  revision: z.strictObject({ comment: z.string().max(20_000), previous: ArtifactRef }).optional(),
  /** What the project asks of memory; absent from older orchestrators (no template, nothing excluded). */
  memory: TaskMemory.optional(),
});

/**
 * The orchestrator asked the CPU worker pool to run one agent for one stage attempt: the lane of
 * the earliest stages (prd, feature_tree), and of every task a producer older than the lanes sent.
 */
export const CpuTaskRequestedV1 = defineMessage({
  domain: 'task',
  version: 1,
  entity: 'cpu',
  event: 'requested',
  kind: 'command',
  description: 'run one agent for one stage attempt on the CPU worker pool (early stages lane)',
  data: CpuTaskRequestData,
});
export type CpuTaskRequestedV1 = MessageOf<typeof CpuTaskRequestedV1>;

/** A CPU task of a middle stage (plan … development); workers take it before an early one. */
export const CpuTaskRequestedMiddleV1 = defineMessage({
  domain: 'task',
  version: 1,
  entity: 'cpu-middle',
  event: 'requested',
  kind: 'command',
  description: 'run one agent for one stage attempt on the CPU worker pool (middle stages lane)',
  data: CpuTaskRequestData,
});
export type CpuTaskRequestedMiddleV1 = MessageOf<typeof CpuTaskRequestedMiddleV1>;

/** A CPU task of a late stage (the reviews, pm_review, delivery); workers take it first. */
export const CpuTaskRequestedLateV1 = defineMessage({
  domain: 'task',
  version: 1,
  entity: 'cpu-late',
  event: 'requested',
  kind: 'command',
  description: 'run one agent for one stage attempt on the CPU worker pool (late stages lane)',
  data: CpuTaskRequestData,
});
export type CpuTaskRequestedLateV1 = MessageOf<typeof CpuTaskRequestedLateV1>;

/** A CPU task request from any lane (the data is the same in all of them). */
export type CpuTaskRequest = CpuTaskRequestedV1 | CpuTaskRequestedMiddleV1 | CpuTaskRequestedLateV1;

/**
 * A CPU worker began one task attempt; the orchestrator reports the stage `running`. Published on
 * the bus directly (no outbox), once per task: a lost one only hides `running`, never a result.
 */
export const CpuTaskStartedV1 = defineMessage({
  domain: 'task',
  version: 1,
  entity: 'cpu',
  event: 'started',
  kind: 'event',
  description: 'a CPU worker began a task attempt',
  data: z.strictObject({
    ...TaskKey,
    startedAt: z.iso.datetime({ offset: true }),
    worker: z
      .strictObject({ id: z.string().min(1).max(200), hostname: z.string().max(255).optional() })
      .optional(),
  }),
});
export type CpuTaskStartedV1 = MessageOf<typeof CpuTaskStartedV1>;

/** A CPU task finished and stored its artifact. */
export const CpuTaskSucceededV1 = defineMessage({
  domain: 'task',
  version: 1,
  entity: 'cpu',
  event: 'succeeded',
  kind: 'event',
  description: 'a CPU task stored its artifact',
  data: z.strictObject({
    ...TaskKey,
    artifact: ArtifactRef,
    usage: LlmUsage,
    durationMs: z.number().int().nonnegative(),
  }),
});
export type CpuTaskSucceededV1 = MessageOf<typeof CpuTaskSucceededV1>;

/** A CPU task failed; `error.retryable` tells the orchestrator whether another attempt can help. */
export const CpuTaskFailedV1 = defineMessage({
  domain: 'task',
  version: 1,
  entity: 'cpu',
  event: 'failed',
  kind: 'event',
  description: 'a CPU task failed',
  data: z.strictObject({ ...TaskKey, error: TaskError, usage: LlmUsage.optional() }),
});
export type CpuTaskFailedV1 = MessageOf<typeof CpuTaskFailedV1>;

/** Stop in-flight CPU work for a project (or one task). */
export const CpuTaskCancelRequestedV1 = defineMessage({
  domain: 'task',
  version: 1,
  entity: 'cpu',
  event: 'cancel-requested',
  kind: 'command',
  description: 'stop in-flight CPU tasks of a project',
  data: z.strictObject({ projectId: z.uuid(), taskId: z.uuid().optional() }),
});
export type CpuTaskCancelRequestedV1 = MessageOf<typeof CpuTaskCancelRequestedV1>;
