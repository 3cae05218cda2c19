import { type ApprovalDecidedV1, CONSUMERS } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { WorkflowRunner } from '../workflow-runner.service';

const consumer = CONSUMERS.orchestrator.approvalDecided;

/** A reviewer's decision on the open attempt of a gate; any other is recorded and ignored. */
@Injectable()
export class ApprovalDecidedHandler {
  constructor(private readonly runner: WorkflowRunner) {}

  @OnMessage(consumer)
  async handle(message: ApprovalDecidedV1): Promise<void> {
    const { projectId, ...decided } = message.data;
    await this.runner.handle(consumer, message, projectId, {
      kind: 'approval_decided',
      ...decided,
    });
  }
}
