import {
  CONSUMERS,
  FINISHED_PROJECT_STATES,
  type ProjectDeletionRequestedV1,
} from '@agentbus/contracts';
import { OnMessage } from '@agentbus/messaging-nest';
import { type SqlTx } from '@agentbus/persistence';
import { eraseProjectData } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const consumer = CONSUMERS.orchestrator.projectDeletionRequested;
const FINISHED: readonly string[] = FINISHED_PROJECT_STATES;

/**
 * Deletes the project and every row of it in this schema (stages, tasks, approvals, events and
 * any later table with `project_id`) once, and answers `project-data.deleted`. The project row is
 * locked first, so a restart cannot slip in; a project that moves again (restarted after the
 * gateway accepted the deletion) is refused and the message dead-lettered with the reason.
 */
@Injectable()
export class ProjectDeletionRequestedHandler {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @OnMessage(consumer)
  async handle(message: ProjectDeletionRequestedV1): Promise<void> {
    await eraseProjectData(this.db, 'master-orchestrator', consumer, message, {
      keyedById: ['projects'],
      refusal: refuseWhileInFlight,
    });
  }
}

async function refuseWhileInFlight(tx: SqlTx, projectId: string): Promise<string | undefined> {
  const [project] = await tx.query<{ state: string }[]>(
    'SELECT state FROM projects WHERE id = $1 FOR UPDATE',
    [projectId],
  );
  if (project === undefined || FINISHED.includes(project.state)) return undefined;
  return `project ${projectId} is ${project.state}: cancel it, wait until it is cancelled, then delete it again`;
}
