import { CONSUMERS, type CpuTaskSucceededV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { WorkflowRunner } from '../workflow-runner.service';

const consumer = CONSUMERS.orchestrator.cpuTaskSucceeded;

/** A CPU task stored its artifact: the stage completes if the attempt is still current. */
@Injectable()
export class CpuTaskSucceededHandler {
  constructor(private readonly runner: WorkflowRunner) {}

  @OnMessage(consumer)
  async handle(message: CpuTaskSucceededV1): Promise<void> {
    const { projectId, taskId, stage, attempt, artifact, usage } = message.data;
    await this.runner.handle(consumer, message, projectId, {
      kind: 'task_succeeded',
      taskId,
      stage,
      attempt,
      artifact,
      usage,
    });
  }
}
