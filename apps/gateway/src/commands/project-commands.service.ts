import {
  ProjectCancelRequestedV1,
  ProjectRestartRequestedV1,
  type StageId,
} from '@agentbus/contracts';
import { BusPublisher } from '@agentbus/messaging-nest';
import { Injectable } from '@nestjs/common';
import { type Principal } from '../auth/principal';
import { ConflictError } from '../http/problem/problem.errors';
import { projectLinks } from '../projects/project-links.util';
import { ProjectLookupRepository } from '../read-model/project-lookup.repository';
import { isTerminalState } from '../read-model/project-state.util';
import { commandId } from './command-id.util';
import { type CommandAcceptedView } from './project-command.dtos';

// A restart rewinds a project that is not moving: finished, or paused at a gate. A running one
// would race its in-flight tasks (cancel it first); a queued one has nothing to rewind.
const RESTARTABLE: readonly string[] = ['completed', 'failed', 'cancelled', 'waiting_approval'];

/**
 * Cancel and restart: checked against the project's current state, then published. The message id
 * is derived from the project's revision, so a retried request while nothing changed is deduped,
 * and the same request after a change is a new command.
 */
@Injectable()
export class ProjectCommandsService {
  constructor(
    private readonly projects: ProjectLookupRepository,
    private readonly bus: BusPublisher,
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
    const data = { projectId, requestedBy: by.name, ...(reason === undefined ? {} : { reason }) };
    await this.bus.publish(ProjectCancelRequestedV1, data, { correlationId: projectId, id });
    return accepted(projectId, id);
  }

  async restart(
    projectId: string,
    fromStage: StageId,
    by: Principal,
  ): Promise<CommandAcceptedView> {
    const { state, revision } = await this.projects.created(projectId);
    if (!RESTARTABLE.includes(state)) {
      throw new ConflictError(
        'project-not-restartable',
        `The project is ${state}; restart needs it completed, failed, cancelled or waiting for approval (cancel it first).`,
        { state },
      );
    }
    const id = commandId('restart', projectId, fromStage, revision);
    await this.bus.publish(
      ProjectRestartRequestedV1,
      { projectId, fromStage, requestedBy: by.name },
      { correlationId: projectId, id },
    );
    return accepted(projectId, id);
  }
}

const accepted = (projectId: string, messageId: string): CommandAcceptedView => ({
  projectId,
  status: 'accepted',
  messageId,
  links: projectLinks(projectId),
});
