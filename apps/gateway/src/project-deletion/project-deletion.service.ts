import {
  createEnvelope,
  FINISHED_PROJECT_STATES,
  handlersOf,
  ProjectDeletionRequestedV1,
} from '@agentbus/contracts';
import { deleteProjectData, schemaOf, withOutbox } from '@agentbus/persistence';
import { currentTraceHeaders } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Principal } from '../auth/principal';
import { commandId } from '../commands/command-id.util';
import { ConflictError, NotFoundError } from '../http/problem/problem.errors';
import { ProjectLookupRepository } from '../read-model/project-lookup.repository';
import { type DeletionRecord, deletionProgress } from './deletion-progress.util';
import { ProjectDeletionRepository } from './project-deletion.repository';
import { type ProjectDeletionView } from './project-deletion.views';

const FINISHED: readonly string[] = FINISHED_PROJECT_STATES;
// The gateway deletes its own rows with the request; every app with a durable on the command
// (the orchestrator, the CPU worker, and the memory service once it declares one) answers.
const OWNERS = ['gateway' as const, ...handlersOf(ProjectDeletionRequestedV1)];

/**
 * `DELETE /v1/projects/:id`: a finished project's rows are deleted from the gateway's tables, the
 * request recorded and `project.deletion-requested` queued, in one transaction; each owning
 * service deletes its share and answers. Repeating the request answers the same record.
 */
@Injectable()
export class ProjectDeletionService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly projects: ProjectLookupRepository,
    private readonly deletions: ProjectDeletionRepository,
  ) {}

  async request(projectId: string, by: Principal): Promise<ProjectDeletionView> {
    const recorded = await this.deletions.find(projectId);
    if (recorded !== undefined) return viewOf(recorded);
    const { state } = await this.projects.created(projectId);
    if (!FINISHED.includes(state)) {
      throw new ConflictError(
        'project-in-flight',
        `The project is ${state}; cancel it first (POST /v1/projects/${projectId}/cancel), wait until it is cancelled, then delete it.`,
        { state },
      );
    }
    const id = commandId('delete', projectId);
    const envelope = createEnvelope(
      ProjectDeletionRequestedV1,
      { projectId, requestedBy: by.name },
      { source: 'gateway', correlationId: projectId, id },
    );
    await withOutbox(this.db, async (tx, outbox) => {
      const gatewayRows = await deleteProjectData(tx, schemaOf(this.db), projectId, {
        keyedById: ['submissions'],
        except: ['project_deletions'],
      });
      const entry = { projectId, requestedBy: by.name, messageId: id, gatewayRows };
      if (await this.deletions.record(tx, entry)) await outbox.add(envelope, currentTraceHeaders());
    });
    return this.status(projectId);
  }

  async status(projectId: string): Promise<ProjectDeletionView> {
    const recorded = await this.deletions.find(projectId);
    if (recorded === undefined) {
      throw new NotFoundError('deletion-not-found', `Project ${projectId} was never deleted.`);
    }
    return viewOf(recorded);
  }
}

const viewOf = (record: DeletionRecord): ProjectDeletionView => {
  const progress = deletionProgress(record, OWNERS);
  return {
    projectId: record.projectId,
    requestedBy: record.requestedBy,
    requestedAt: record.requestedAt.toISOString(),
    ...progress,
    services: [...progress.services],
    status: `/v1/projects/${record.projectId}/deletion`,
  };
};
