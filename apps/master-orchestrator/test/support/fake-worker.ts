import { createHash, randomUUID } from 'node:crypto';
import {
  CpuTaskFailedV1,
  type CpuTaskRequestedV1,
  CpuTaskStartedV1,
  CpuTaskSucceededV1,
  type DataOf,
  type MessageDefinition,
  PRIORITY_GROUPS,
} from '@agentbus/contracts';
import {
  type Bus,
  connectBus,
  consumeByPriority,
  type ConsumerHandle,
  provisionConsumers,
  Publisher,
} from '@agentbus/messaging';
import { natsUrl } from '@agentbus/testing';

type Task = CpuTaskRequestedV1['data'];

/** What the worker does with a task: answer, fail it, or never answer (to make it time out). */
export type Reply =
  | { readonly kind: 'succeed' }
  | { readonly kind: 'fail'; readonly retryable: boolean }
  | { readonly kind: 'ignore' };

/** Decides the reply to a task; may wait (to hold tasks back). */
export type Script = (task: Task) => Reply | Promise<Reply>;

/** One delivery the worker saw. */
export interface Received {
  readonly envelopeId: string;
  readonly task: Task;
  readonly at: number;
  answeredAt?: number;
}

/**
 * Plays cpu-agent-worker: consumes `CpuTaskRequested` on the worker's lane durables and answers
 * with `CpuTaskSucceeded` (a fresh artifact ref and a sha256 of some text, plus usage) or
 * `CpuTaskFailed`, as the script says.
 */
export class FakeWorker {
  readonly received: Received[] = [];
  private constructor(
    private readonly bus: Bus,
    private readonly publisher: Publisher,
    private consumer: ConsumerHandle | undefined = undefined,
  ) {}

  static async start(namespace: string, script: Script): Promise<FakeWorker> {
    const bus = await connectBus({ servers: await natsUrl(), name: 'fake-worker', namespace });
    const worker = new FakeWorker(bus, new Publisher(bus));
    const tasks = PRIORITY_GROUPS.cpuWorker.cpuTasks;
    await provisionConsumers(bus, tasks.lanes);
    worker.consumer = await consumeByPriority(bus, tasks, async (message) => {
      const seen: Received = { envelopeId: message.id, task: message.data, at: Date.now() };
      worker.received.push(seen);
      await worker.answer(message.data, await script(message.data));
      seen.answeredAt = Date.now();
    });
    return worker;
  }

  /** The tasks of one project, in arrival order. */
  tasksOf(projectId: string): Received[] {
    return this.received.filter((seen) => seen.task.projectId === projectId);
  }

  /**
   * Reports a task started, as the worker does; `messageId` defaults to a fresh id, which bypasses
   * the stream's dedupe the way a redelivery after its duplicate window would.
   */
  async started(task: Task, messageId?: string): Promise<void> {
    const data = {
      taskId: task.taskId,
      projectId: task.projectId,
      stage: task.stage,
      attempt: task.attempt,
      startedAt: new Date().toISOString(),
      worker: { id: 'fake-worker-1' },
    };
    await this.publisher.publish(CpuTaskStartedV1, data, {
      source: 'fake-worker',
      correlationId: task.projectId,
      ...(messageId === undefined ? {} : { id: messageId }),
    });
  }

  async stop(): Promise<void> {
    await this.consumer?.stop({ timeoutMs: 1_000 });
    await this.bus.close();
  }

  private async answer(task: Task, reply: Reply): Promise<void> {
    const key = {
      taskId: task.taskId,
      projectId: task.projectId,
      stage: task.stage,
      attempt: task.attempt,
    };
    if (reply.kind === 'ignore') return;
    if (reply.kind === 'fail') {
      const error = { code: 'llm_unavailable', message: 'scripted', retryable: reply.retryable };
      return this.publish(task, CpuTaskFailedV1, { ...key, error });
    }
    const body = `# ${task.stage} v${task.attempt} of ${task.projectId}`;
    const artifact = {
      id: randomUUID(),
      version: task.attempt,
      sha256: createHash('sha256').update(body).digest('hex'),
      format: 'markdown' as const,
    };
    const usage = {
      provider: 'offline',
      model: 'fake',
      inputTokens: 100,
      outputTokens: 50,
      costUsd: 0.001,
      calls: 1,
    };
    await this.publish(task, CpuTaskSucceededV1, { ...key, artifact, usage, durationMs: 5 });
  }

  private async publish<D extends MessageDefinition>(task: Task, definition: D, data: DataOf<D>) {
    await this.publisher.publish(definition, data, {
      source: 'fake-worker',
      correlationId: task.projectId,
    });
  }
}
