import { hostname } from 'node:os';
import { CpuTaskStartedV1, type CpuTaskRequest } from '@agentbus/contracts';
import { BusPublisher } from '@agentbus/messaging-nest';
import { Inject, Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { WORKER_RUNTIME, type WorkerRuntime } from './worker-runtime';

// Fixed namespace of the worker's name-based ids; changing it would change every started id.
const NAMESPACE = 'c8a1d2e4-3b5f-4a6c-9e7d-0f1a2b3c4d5e';

/**
 * Id of the started message of a task. One per task, not per delivery: a task id names one stage
 * attempt, and that attempt starts once as far as the orchestrator is concerned, so the stream's
 * dedupe drops a redelivery's copy (and a lost first publish is still retried under the same id).
 */
export const startedMessageId = (taskId: string): string =>
  uuidv5(`cpu-task-started:${taskId}`, NAMESPACE);

const WORKER = { id: `${hostname()}:${process.pid}`, hostname: hostname() };

/**
 * Tells the orchestrator a task began, straight on the bus (no outbox, no commit): the message only
 * reports `running`, so a lost one is logged and never fails or delays the task.
 */
@Injectable()
export class TaskStartedPublisher {
  constructor(
    private readonly publisher: BusPublisher,
    @Inject(WORKER_RUNTIME) private readonly runtime: WorkerRuntime,
  ) {}

  /** Publishes in the background; the returned promise settles when the publish does, never rejects. */
  announce(message: CpuTaskRequest): Promise<void> {
    const { taskId, projectId, stage, attempt } = message.data;
    return this.publisher
      .publish(
        CpuTaskStartedV1,
        { taskId, projectId, stage, attempt, startedAt: new Date().toISOString(), worker: WORKER },
        {
          id: startedMessageId(taskId),
          correlationId: message.correlationId,
          causationId: message.id,
        },
      )
      .then(
        () => undefined,
        (error: unknown) => {
          this.runtime.logger.warn({ err: error, taskId, stage }, 'task started not published');
        },
      );
  }
}
