import { CONSUMERS, type CpuTaskFailedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { WorkflowRunner } from '../workflow-runner.service';

const consumer = CONSUMERS.orchestrator.cpuTaskFailed;

/** A CPU task failed: retried with backoff while retryable and attempts are left. */
@Injectable()
export class CpuTaskFailedHandler {
  constructor(private readonly runner: WorkflowRunner) {}

  @OnMessage(consumer)
  async handle(message: CpuTaskFailedV1): Promise<void> {
    const { projectId, taskId, stage, attempt, error, usage } = message.data;
    await this.runner.handle(consumer, message, projectId, {
      kind: 'task_failed',
      taskId,
      stage,
      attempt,
      error,
      usage,
    });
  }
}
