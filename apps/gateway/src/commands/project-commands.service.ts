import {
  createEnvelope,
  type Envelope,
  type EnvelopeMeta,
  ProjectCancelRequestedV1,
  ProjectRestartRequestedV1,
  type StageId,
} from '@agentbus/contracts';
import { withOutbox } from '@agentbus/persistence';
import { currentTraceHeaders } from '@agentbus/service-runtime';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type LoggedCommand, ProjectCommandLog } from '../audit/project-command-log.repository';
import { type Principal } from '../auth/principal';
import { ConflictError } from '../http/problem/problem.errors';
import { ProjectDeletionRepository } from '../project-deletion/project-deletion.repository';
import { projectLinks } from '../projects/project-links.util';
import { ProjectLookupRepository } from '../read-model/project-lookup.repository';
import { isTerminalState } from '../read-model/project-state.util';
import { commandId } from './command-id.util';
import { type CommandAcceptedView } from './project-command.dtos';

// A restart rewinds a project that is not moving: finished, or paused at a gate. A running one
// would race its in-flight tasks (cancel it first); a queued one has nothing to rewind.
const RESTARTABLE: readonly string[] = ['completed', 'failed', 'cancelled', 'waiting_approval'];

/**
 * Cancel and restart: checked against the project's current state, then recorded with their
 * sender (the orchestrator keeps no sender for them; the audit reads it) and put in the outbox in
 * one transaction. The message id is derived from the project's revision, so a retried request
 * while nothing changed is recorded and sent once, and the same request after a change is a new
 * command.
 */
@Injectable()
export class ProjectCommandsService {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly projects: ProjectLookupRepository,
    private readonly log: ProjectCommandLog,
    private readonly deletions: ProjectDeletionRepository,
  ) {}

  async cancel(
    projectId: string,
    reason: string | undefined,
    by: Principal,
  ): Promise<CommandAcceptedView> {
    const { state, revision } = await this.projects.created(projectId);
    if (isTerminalState(state)) {
      throw new ConflictError(
        'project-terminal',
        `The project is already ${state}; there is nothing to cancel.`,
        { state },
      );
    }
    const id = commandId('cancel', projectId, revision);
    const details = reason === undefined ? {} : { reason };
    const data = { projectId, requestedBy: by.name, ...details };
    const envelope = createEnvelope(ProjectCancelRequestedV1, data, meta(projectId, id));
    await this.send(envelope, { command: 'cancel', details }, by);
    return accepted(projectId, id);
  }

  async restart(
    projectId: string,
    fromStage: StageId,
    by: Principal,
    excludePatterns: readonly string[] = [],
  ): Promise<CommandAcceptedView> {
    const { state, revision } = await this.projects.created(projectId);
    if (!RESTARTABLE.includes(state)) {
      throw new ConflictError(
        'project-not-restartable',
        `The project is ${state}; restart needs it completed, failed, cancelled or waiting for approval (cancel it first).`,
        { state },
      );
    }
    // A restart racing a deletion would leave the deletion refused by the orchestrator.
    if ((await this.deletions.find(projectId)) !== undefined) {
      throw new ConflictError(
        'project-deleted',
        `The project is being deleted (GET /v1/projects/${projectId}/deletion); it cannot be restarted.`,
      );
    }
    // Exclusions make it another command: the same restart excluding other patterns is not a retry.
    const excluded = [...new Set(excludePatterns)].sort();
    const id = commandId('restart', projectId, fromStage, revision, ...excluded);
    const data = {
      projectId,
      fromStage,
      requestedBy: by.name,
      ...(excluded.length > 0 ? { excludePatterns: excluded } : {}),
    };
    const envelope = createEnvelope(ProjectRestartRequestedV1, data, meta(projectId, id));
    const details = excluded.length > 0 ? { fromStage, excludePatterns: excluded } : { fromStage };
    await this.send(envelope, { command: 'restart', details }, by);
    return accepted(projectId, id);
  }

  /** Records the command and queues it, once per message id (a retry finds it recorded). */
  private async send(envelope: Envelope, command: LoggedCommand, by: Principal): Promise<void> {
    await withOutbox(this.db, async (tx, outbox) => {
      const entry = {
        ...command,
        messageId: envelope.id,
        projectId: envelope.correlationId,
        requestedBy: by.name,
      };
      if (await this.log.record(tx, entry)) await outbox.add(envelope, currentTraceHeaders());
    });
  }
}

const meta = (projectId: string, id: string): EnvelopeMeta => ({
  source: 'gateway',
  correlationId: projectId,
  id,
});

const accepted = (projectId: string, messageId: string): CommandAcceptedView => ({
  projectId,
  status: 'accepted',
  messageId,
  links: projectLinks(projectId),
});
