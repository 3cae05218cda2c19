import { CONSUMERS, type ProjectSubmittedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { WorkflowRunner } from '../workflow-runner.service';

const consumer = CONSUMERS.orchestrator.projectSubmitted;

/** A new project: created and started; a submission of an existing id is a duplicate. */
@Injectable()
export class ProjectSubmittedHandler {
  constructor(private readonly runner: WorkflowRunner) {}

  @OnMessage(consumer)
  async handle(message: ProjectSubmittedV1): Promise<void> {
    const { projectId, name, requirements, options, submittedBy, templateId, workspace } =
      message.data;
    const project = {
      projectId,
      name,
      requirements,
      options: {
        gates: options.gates,
        budget: options.budget,
        gateTimeouts: options.gateTimeouts,
        gpu: options.gpu,
      },
      submittedBy,
      ...(templateId === undefined ? {} : { templateId }),
      ...(workspace === undefined ? {} : { workspace }),
    };
    await this.runner.handle(consumer, message, projectId, { kind: 'submitted', project });
  }
}
