import { CONSUMERS, type ProjectRestartRequestedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { WorkflowRunner } from '../workflow-runner.service';

const consumer = CONSUMERS.orchestrator.projectRestartRequested;

/** Restart from a stage: it and everything downstream run again, earlier artifacts kept. */
@Injectable()
export class ProjectRestartRequestedHandler {
  constructor(private readonly runner: WorkflowRunner) {}

  @OnMessage(consumer)
  async handle(message: ProjectRestartRequestedV1): Promise<void> {
    const { projectId, fromStage, excludePatterns } = message.data;
    await this.runner.handle(consumer, message, projectId, {
      kind: 'restart_requested',
      fromStage,
      requestId: message.id,
      excludePatterns,
    });
  }
}
