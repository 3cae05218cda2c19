import { CONSUMERS, type ProjectDeletionRequestedV1 } from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { eraseProjectData } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const consumer = CONSUMERS.cpuWorker.projectDeletionRequested;

/**
 * Deletes the project's artifacts and LLM calls (every table of this schema with `project_id`)
 * once, and answers `project-data.deleted`. The gateway refused the request while the project ran,
 * so no task of it is in flight here.
 */
@Injectable()
export class ProjectDeletionRequestedHandler {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @OnMessage(consumer)
  async handle(message: ProjectDeletionRequestedV1): Promise<void> {
    await eraseProjectData(this.db, 'cpu-agent-worker', consumer, message);
  }
}
