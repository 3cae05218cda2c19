import {
  ApprovalRemindedV1,
  ApprovalRequestedV1,
  ApprovalTimedOutV1,
  CpuTaskCancelRequestedV1,
  cpuTaskRequestFor,
  createEnvelope,
  type Envelope,
  GpuJobCancelRequestedV1,
  GpuJobRequestedV1,
  type MessageDefinition,
  ProjectCancelledV1,
  ProjectCompletedV1,
  ProjectFailedV1,
  ProjectStartedV1,
  RoutingDecidedV1,
  StageCompletedV1,
  StageDispatchedV1,
  StageFailedV1,
} from '@agentbus/contracts';
import { specOf } from './decider/graph';
import { type Workflow } from './workflow.dag';
import { type Effect, type TaskOrder, type WorkflowEvent } from './workflow.types';

/** The contract of each workflow event (DESIGN §5). */
export const EVENT_CONTRACTS = {
  project_started: ProjectStartedV1,
  routing_decided: RoutingDecidedV1,
  project_completed: ProjectCompletedV1,
  project_failed: ProjectFailedV1,
  project_cancelled: ProjectCancelledV1,
  stage_dispatched: StageDispatchedV1,
  stage_completed: StageCompletedV1,
  stage_failed: StageFailedV1,
  approval_requested: ApprovalRequestedV1,
  approval_reminded: ApprovalRemindedV1,
  approval_timed_out: ApprovalTimedOutV1,
} as const satisfies Record<WorkflowEvent['name'], MessageDefinition>;

/** Envelope fields besides the data: ids are chosen by the caller (deterministic per input). */
export interface MessageMeta {
  readonly id: string;
  readonly projectId: string;
  readonly causationId: string | undefined;
  readonly time: Date;
}

/** The `source` of every envelope the orchestrator sends. */
export const ENVELOPE_SOURCE = 'master-orchestrator';

const metaOf = (meta: MessageMeta) => ({
  source: ENVELOPE_SOURCE,
  id: meta.id,
  correlationId: meta.projectId,
  causationId: meta.causationId,
  time: meta.time,
});

/** A GPU stage's job: a feasibility benchmark with the resources the project's routing chose. */
function gpuJobRequest(task: TaskOrder, meta: MessageMeta): Envelope {
  const { resources } = task;
  if (resources === undefined) {
    throw new Error(`${task.stage} runs on a GPU but its project has no routed resources`);
  }
  const data = {
    taskId: task.taskId,
    projectId: meta.projectId,
    stage: task.stage,
    attempt: task.attempt,
    kind: 'feasibility' as const,
    resources: {
      gpus: resources.gpus,
      gpuType: resources.gpuType,
      memoryGi: resources.gpuMemoryGi,
      cpu: resources.cpu,
    },
    inputs: [...task.inputs],
    deadlineAt: task.deadlineAt.toISOString(),
  };
  return createEnvelope(GpuJobRequestedV1, data, metaOf(meta));
}

function taskRequest(workflow: Workflow, task: TaskOrder, meta: MessageMeta): Envelope {
  const { agent, target } = specOf(workflow, task.stage);
  if (target === 'gpu') return gpuJobRequest(task, meta);
  if (agent === null) throw new Error(`${task.stage} has no CPU agent to run it`);
  const data = {
    taskId: task.taskId,
    projectId: meta.projectId,
    stage: task.stage,
    attempt: task.attempt,
    agent,
    inputs: [...task.inputs],
    deadlineAt: task.deadlineAt.toISOString(),
    ...(task.revision === null ? {} : { revision: task.revision }),
    ...(task.memory === undefined ? {} : { memory: task.memory }),
  };
  // Later stages travel in higher-priority lanes, which workers drain first (CPU_TASK_LANES).
  return createEnvelope(cpuTaskRequestFor(task.stage), data, metaOf(meta));
}

/** The envelope an effect becomes; validated against its contract before it reaches the outbox. */
export function envelopeOf(workflow: Workflow, effect: Effect, meta: MessageMeta): Envelope {
  switch (effect.kind) {
    case 'dispatch':
      return taskRequest(workflow, effect.task, meta);
    case 'cancel': {
      const contract = effect.target === 'gpu' ? GpuJobCancelRequestedV1 : CpuTaskCancelRequestedV1;
      return createEnvelope(
        contract,
        { projectId: meta.projectId, taskId: effect.taskId },
        metaOf(meta),
      );
    }
    case 'event': {
      const contract: MessageDefinition = EVENT_CONTRACTS[effect.event.name];
      const data = { projectId: meta.projectId, ...effect.event.data };
      return createEnvelope(contract, data as never, metaOf(meta));
    }
  }
}
