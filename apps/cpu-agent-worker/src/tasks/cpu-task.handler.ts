import {
  type ConsumerDefinition,
  type CpuTaskRequest,
  CpuTaskFailedV1,
  CpuTaskSucceededV1,
  createEnvelope,
  PermanentError,
  PRIORITY_GROUPS,
  RetryableError,
} from '@agentbus/contracts';
import { AGENTS, runAgent } from '@agentbus/agents';
import { type DeliveryContext } from '@agentbus/messaging';
import { OnPriorityGroup } from '@agentbus/messaging-nest';
import { handleMessageOnce } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact.store';
import { AgentMemoryClient } from '../memory/agent-memory.client';
import { AgentSkillsClient } from '../skills/agent-skills.client';
import { LlmCallStore } from '../llm-calls/llm-call.store';
import { RecordedProvider } from '../llm-calls/recorded-provider';
import { TaskCancellations } from './task-cancellations';
import { loadTaskContext } from './task-context.loader';
import { isTransientFailure, taskErrorOf, usageOf } from './task-outcome';
import { TaskStartedPublisher } from './task-started.publisher';
import { WORKER_RUNTIME, type WorkerRuntime } from './worker-runtime';

const TASKS = PRIORITY_GROUPS.cpuWorker.cpuTasks;

/** The lane's durable a task came on: its inbox rows and deliveries are that durable's. */
const laneOf = (message: CpuTaskRequest): ConsumerDefinition => {
  const lane = TASKS.lanes.find((candidate) => candidate.message.subject === message.type);
  if (lane === undefined) throw new PermanentError(`${message.type} is not a CPU task lane`);
  return lane;
};

/**
 * Runs one agent for one stage attempt. LLM calls are recorded as they finish (a redelivery does not
 * pay again); the artifact, the inbox row and the result message commit together.
 */
@Injectable()
export class CpuTaskHandler {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(WORKER_RUNTIME) private readonly runtime: WorkerRuntime,
    private readonly cancellations: TaskCancellations,
    private readonly started: TaskStartedPublisher,
    private readonly skills: AgentSkillsClient,
    private readonly memory: AgentMemoryClient,
  ) {}

  @OnPriorityGroup(TASKS)
  async handle(message: CpuTaskRequest, context: DeliveryContext): Promise<void> {
    const task = message.data;
    const consumer = laneOf(message);
    void this.started.announce(message);
    const agent = AGENTS[task.agent];
    const provider = new RecordedProvider(
      this.runtime.provider,
      new LlmCallStore(this.dataSource),
      { projectId: task.projectId, stage: task.stage, attempt: task.attempt },
      agent.id,
      (response) =>
        this.runtime.pricing.costOf(response.provider, response.model, response.usage) ?? 0,
    );
    const started = performance.now();
    const tracked = this.cancellations.track(task.projectId, task.taskId, context.signal);
    try {
      const {
        context: prompt,
        recordedCalls,
        recordedMemory,
        stale,
      } = await loadTaskContext(
        this.dataSource,
        this.runtime.orchestratorSchema,
        task,
        this.runtime.gpuSchema,
      );
      if (stale !== undefined) {
        // The orchestrator no longer waits for this attempt: no model call, no artifact, no result.
        this.runtime.logger.info(
          { taskId: task.taskId, stage: task.stage, reason: stale },
          'stale attempt skipped',
        );
        this.record(agent.id, 'stale', provider);
        return;
      }
      provider.prime(recordedCalls);
      const [skills, memory] = await Promise.all([
        this.skills.forAgent(agent.id, message.correlationId),
        this.memory.forTask(message, prompt, recordedMemory),
      ]);
      const context = { ...prompt, memory: memory.patterns, skills: skills.prompts };
      const run = await runAgent(agent, context, provider, {
        maxRepairs: this.runtime.maxRepairs,
        signal: tracked.signal,
      });
      await handleMessageOnce(this.dataSource, consumer, message, async (tx, outbox) => {
        const stored = await new ArtifactStore(tx).write({
          projectId: task.projectId,
          stage: task.stage,
          attempt: task.attempt,
          format: run.format,
          body: run.body,
          agent: agent.id,
          provider: provider.name,
          model: provider.model,
          skills: skills.used,
          memory: memory.used,
        });
        await outbox.add(
          createEnvelope(
            CpuTaskSucceededV1,
            {
              taskId: task.taskId,
              projectId: task.projectId,
              stage: task.stage,
              attempt: task.attempt,
              artifact: stored.ref,
              usage: usageOf(this.callsOf(provider)),
              durationMs: Math.round(performance.now() - started),
            },
            {
              source: 'cpu-agent-worker',
              correlationId: message.correlationId,
              causationId: message.id,
            },
          ),
        );
      });
      this.record(agent.id, 'succeeded', provider);
    } catch (error) {
      if (tracked.signal.aborted && !context.signal.aborted) {
        // Cancelled: the orchestrator has moved on and ignores this attempt; settle quietly.
        this.record(agent.id, 'cancelled', provider);
        return;
      }
      await this.fail(message, consumer, context, provider, error);
    } finally {
      tracked.done();
    }
  }

  private async fail(
    message: CpuTaskRequest,
    consumer: ConsumerDefinition,
    context: DeliveryContext,
    provider: RecordedProvider,
    error: unknown,
  ): Promise<void> {
    // A transient failure (rate limit, provider or database down) is retried on this attempt while
    // deliveries last; recorded calls make the retry free. Otherwise the orchestrator decides.
    if (isTransientFailure(error) && context.deliveryCount < consumer.maxDeliver) {
      this.record(message.data.agent, 'retried', provider);
      throw error;
    }
    const task = message.data;
    await handleMessageOnce(this.dataSource, consumer, message, (_tx, outbox) =>
      outbox.add(
        createEnvelope(
          CpuTaskFailedV1,
          {
            taskId: task.taskId,
            projectId: task.projectId,
            stage: task.stage,
            attempt: task.attempt,
            error: taskErrorOf(error),
            usage: usageOf(this.callsOf(provider)),
          },
          {
            source: 'cpu-agent-worker',
            correlationId: message.correlationId,
            causationId: message.id,
          },
        ),
      ),
    );
    this.record(task.agent, 'failed', provider);
    if (!(error instanceof PermanentError) && !(error instanceof RetryableError)) {
      this.runtime.logger.error({ err: error, stage: task.stage }, 'agent run failed unexpectedly');
    }
  }

  private callsOf(
    provider: RecordedProvider,
  ): { response: RecordedProvider['replayed'][number]; costUsd: number }[] {
    const costOf = (response: RecordedProvider['replayed'][number]) =>
      this.runtime.pricing.costOf(response.provider, response.model, response.usage) ?? 0;
    return [
      ...provider.replayed.map((response) => ({ response, costUsd: costOf(response) })),
      ...provider.paid,
    ];
  }

  private record(
    agent: string,
    outcome: 'succeeded' | 'failed' | 'retried' | 'cancelled' | 'stale',
    provider: RecordedProvider,
  ): void {
    this.runtime.metrics.invoked(agent, outcome);
    for (const call of provider.paid.splice(0)) this.runtime.metrics.paid(agent, call);
  }
}
