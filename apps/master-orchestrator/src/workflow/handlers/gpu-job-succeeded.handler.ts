import { CONSUMERS, type GpuJobSucceededV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { WorkflowRunner } from '../workflow-runner.service';

const consumer = CONSUMERS.orchestrator.gpuJobSucceeded;

/** A GPU job stored its result: handled like a CPU success (GPU jobs report no LLM usage). */
@Injectable()
export class GpuJobSucceededHandler {
  constructor(private readonly runner: WorkflowRunner) {}

  @OnMessage(consumer)
  async handle(message: GpuJobSucceededV1): Promise<void> {
    const { projectId, taskId, stage, attempt, artifact } = message.data;
    await this.runner.handle(consumer, message, projectId, {
      kind: 'task_succeeded',
      taskId,
      stage,
      attempt,
      artifact,
    });
  }
}
