import { type MessageDefinition } from './define-message';
import {
  CpuTaskFailedV1,
  CpuTaskRequestedLateV1,
  CpuTaskRequestedMiddleV1,
  CpuTaskRequestedV1,
  CpuTaskStartedV1,
  CpuTaskSucceededV1,
} from './task/cpu-task.v1';
import {
  GpuJobCancelRequestedV1,
  GpuJobFailedV1,
  GpuJobRequestedV1,
  GpuJobSucceededV1,
} from './gpu/gpu-job.v1';
import { type AppName, durableName } from './names';
import { streamFor } from './streams';
import { ApprovalDecidedV1 } from './workflow/approval-events.v1';
import { ProjectCancelRequestedV1 } from './workflow/project-cancel-requested.v1';
import { ProjectDataDeletedV1, ProjectDeletionRequestedV1 } from './workflow/project-deletion.v1';
import { ProjectCompletedV1, ProjectFailedV1 } from './workflow/project-lifecycle.v1';
import { ProjectRestartRequestedV1 } from './workflow/project-restart-requested.v1';
import { ProjectSubmittedV1 } from './workflow/project-submitted.v1';

/** Delivery policy of one durable; each handler gets its own (GPU minutes vs memory seconds). */
export interface ConsumerPolicy {
  /** How long a delivery may stay unacked before the server redelivers it. */
  readonly ackWaitMs: number;
  /** Deliveries before the message is dead-lettered. */
  readonly maxDeliver: number;
  /** First nak delay; doubles per delivery (with jitter) up to {@link maxBackoffMs}. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** Messages one process handles at once. */
  readonly concurrency: number;
}

/** A durable pull consumer: which app handles which message, under which name and policy. */
export interface ConsumerDefinition<
  M extends MessageDefinition = MessageDefinition,
> extends ConsumerPolicy {
  readonly app: AppName;
  readonly message: M;
  readonly durable: string;
  readonly stream: string;
}

// Ack waits are short because a running handler sends progress acks every ackWait/3 (the bus does
// it): the ack wait is how long a DEAD holder keeps a message, i.e. the takeover time after a kill.
// The price: a process whose event loop stalls longer than this has its message redelivered, which
// the inbox makes harmless (docs/RELIABILITY.md).
const quick: ConsumerPolicy = {
  ackWaitMs: 5_000,
  maxDeliver: 8,
  backoffMs: 500,
  maxBackoffMs: 30_000,
  concurrency: 16,
};

/** Declares a durable; the name and stream are computed from the app and subject. */
export function defineConsumer<M extends MessageDefinition>(
  app: AppName,
  message: M,
  policy: Partial<ConsumerPolicy> = {},
): ConsumerDefinition<M> {
  return Object.freeze({
    ...quick,
    ...policy,
    app,
    message,
    durable: durableName(app, message.subject),
    stream: streamFor(message.subject).name,
  });
}

// LLM calls take minutes: the handler sends progress acks, so a short ack wait still detects a
// dead worker quickly. Replicas share these durables; that is how the pool scales.
// Model failures are retried inside the handler (libs/llm: retries, circuit breaker, hinted
// delays); what reaches this backoff is mostly infrastructure (Postgres restarting), where a
// short first delay gets the task going again soon after the outage; 8 deliveries ride out
// about a minute of it (0.5 + 1 + … + 32 s) before the task is dead-lettered.
const cpuTaskPolicy: Partial<ConsumerPolicy> = {
  ackWaitMs: 5_000,
  maxDeliver: 8,
  backoffMs: 500,
  maxBackoffMs: 60_000,
  concurrency: 8,
};

/** Every durable consumer of the system, by app. */
export const CONSUMERS = {
  orchestrator: {
    projectSubmitted: defineConsumer('master-orchestrator', ProjectSubmittedV1),
    projectCancelRequested: defineConsumer('master-orchestrator', ProjectCancelRequestedV1),
    projectRestartRequested: defineConsumer('master-orchestrator', ProjectRestartRequestedV1),
    approvalDecided: defineConsumer('master-orchestrator', ApprovalDecidedV1),
    cpuTaskStarted: defineConsumer('master-orchestrator', CpuTaskStartedV1),
    cpuTaskSucceeded: defineConsumer('master-orchestrator', CpuTaskSucceededV1),
    cpuTaskFailed: defineConsumer('master-orchestrator', CpuTaskFailedV1),
    gpuJobSucceeded: defineConsumer('master-orchestrator', GpuJobSucceededV1),
    gpuJobFailed: defineConsumer('master-orchestrator', GpuJobFailedV1),
    projectDeletionRequested: defineConsumer('master-orchestrator', ProjectDeletionRequestedV1),
  },
  cpuWorker: {
    // One durable per priority lane (CPU_TASK_LANES); the worker drains them as one pool, see
    // PRIORITY_GROUPS. `cpuTaskRequested` is the early lane, under its name from before lanes.
    cpuTaskRequested: defineConsumer('cpu-agent-worker', CpuTaskRequestedV1, cpuTaskPolicy),
    cpuTaskRequestedMiddle: defineConsumer(
      'cpu-agent-worker',
      CpuTaskRequestedMiddleV1,
      cpuTaskPolicy,
    ),
    cpuTaskRequestedLate: defineConsumer('cpu-agent-worker', CpuTaskRequestedLateV1, cpuTaskPolicy),
    projectDeletionRequested: defineConsumer('cpu-agent-worker', ProjectDeletionRequestedV1),
  },
  gpuController: {
    gpuJobRequested: defineConsumer('gpu-job-controller', GpuJobRequestedV1, {
      ackWaitMs: 300_000,
      maxDeliver: 4,
      backoffMs: 10_000,
      maxBackoffMs: 300_000,
      concurrency: 4,
    }),
    gpuJobCancelRequested: defineConsumer('gpu-job-controller', GpuJobCancelRequestedV1),
  },
  gateway: {
    // Progress of a project deletion: one answer per service that owns data of the project.
    projectDataDeleted: defineConsumer('gateway', ProjectDataDeletedV1),
  },
  memory: {
    // Learning loop: a finished project's accepted artifacts become patterns, and the patterns its
    // stages reused move their success score (up when completed, down when failed or rejected).
    // The ack wait is the takeover time after a kill (progress acks cover slow embedding): a
    // 120 s wait left a killed holder's event unprocessed past the chaos run's 60 s settle.
    projectCompleted: defineConsumer('memory-service', ProjectCompletedV1, {
      ackWaitMs: 15_000,
      concurrency: 2,
    }),
    projectFailed: defineConsumer('memory-service', ProjectFailedV1),
    projectDeletionRequested: defineConsumer('memory-service', ProjectDeletionRequestedV1),
  },
} as const;

/** Every durable consumer as a flat list. */
export const ALL_CONSUMERS: readonly ConsumerDefinition[] = Object.values(CONSUMERS).flatMap(
  (byApp) => Object.values(byApp) as ConsumerDefinition[],
);

/** The apps with a durable on `message`, e.g. every owner of project data for a deletion. */
export const handlersOf = (message: MessageDefinition): readonly AppName[] => [
  ...new Set(ALL_CONSUMERS.filter((consumer) => consumer.message === message).map((c) => c.app)),
];

/** The durables one app owns. */
export const consumersOf = (app: AppName): readonly ConsumerDefinition[] =>
  ALL_CONSUMERS.filter((consumer) => consumer.app === app);

/**
 * Durables one handler drains as a single pool of `concurrency` slots, in priority order: a free
 * slot goes to the first lane with a message waiting (JetStream 2.9 has no priority groups).
 */
export interface PriorityGroupDefinition<M extends MessageDefinition = MessageDefinition> {
  readonly app: AppName;
  readonly name: string;
  /** Highest priority first; every lane belongs to `app`. */
  readonly lanes: readonly ConsumerDefinition<M>[];
  /** Messages one process handles at once, across all lanes. */
  readonly concurrency: number;
}

function definePriorityGroup<M extends MessageDefinition>(
  name: string,
  lanes: readonly ConsumerDefinition<M>[],
): PriorityGroupDefinition<M> {
  const [first] = lanes;
  if (first === undefined || lanes.some((lane) => lane.app !== first.app)) {
    throw new Error(`priority group ${name} needs lanes of one app`);
  }
  return Object.freeze({
    app: first.app,
    name,
    lanes: Object.freeze([...lanes]),
    concurrency: first.concurrency,
  });
}

/** Every priority group, by app. */
export const PRIORITY_GROUPS = {
  cpuWorker: {
    // Later stages first (CPU_TASK_LANES): with 1,000 projects in flight, projects finish one after
    // another instead of all together at the end (docs/PERFORMANCE.md).
    cpuTasks: definePriorityGroup<
      typeof CpuTaskRequestedLateV1 | typeof CpuTaskRequestedMiddleV1 | typeof CpuTaskRequestedV1
    >('cpu-tasks', [
      CONSUMERS.cpuWorker.cpuTaskRequestedLate,
      CONSUMERS.cpuWorker.cpuTaskRequestedMiddle,
      CONSUMERS.cpuWorker.cpuTaskRequested,
    ]),
  },
} as const;
