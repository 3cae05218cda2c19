import { CONSUMERS, type ProjectCancelRequestedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { WorkflowRunner } from '../workflow-runner.service';

const consumer = CONSUMERS.orchestrator.projectCancelRequested;

/** Cancel: stop dispatching, cancel in-flight tasks, close open gates. */
@Injectable()
export class ProjectCancelRequestedHandler {
  constructor(private readonly runner: WorkflowRunner) {}

  @OnMessage(consumer)
  async handle(message: ProjectCancelRequestedV1): Promise<void> {
    const { projectId, reason } = message.data;
    await this.runner.handle(consumer, message, projectId, { kind: 'cancel_requested', reason });
  }
}
