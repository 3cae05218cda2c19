import { CONSUMERS, type GpuJobFailedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { WorkflowRunner } from '../workflow-runner.service';

const consumer = CONSUMERS.orchestrator.gpuJobFailed;

/** A GPU job failed (or was never scheduled): handled like a CPU failure. */
@Injectable()
export class GpuJobFailedHandler {
  constructor(private readonly runner: WorkflowRunner) {}

  @OnMessage(consumer)
  async handle(message: GpuJobFailedV1): Promise<void> {
    const { projectId, taskId, stage, attempt, error } = message.data;
    await this.runner.handle(consumer, message, projectId, {
      kind: 'task_failed',
      taskId,
      stage,
      attempt,
      error,
    });
  }
}
