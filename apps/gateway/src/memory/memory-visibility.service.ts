import { Injectable } from '@nestjs/common';
import { type Principal } from '../auth/principal';
import { isOperator, seesWorkspace } from '../workspaces/workspace';
import { WorkspaceScope } from '../workspaces/workspace-scope.service';

/** What memory answers carry that can tie them to a project. */
export interface ProjectLinked {
  readonly projectId?: string | undefined;
  readonly metadata: Readonly<Record<string, unknown>>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The project a pattern was learned from; a manual pattern's free-form metadata is not one. */
const projectOf = (item: ProjectLinked): string | undefined => {
  const fromMetadata = item.metadata['projectId'];
  const id = item.projectId ?? fromMetadata;
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
};

/**
 * Memory is shared by every workspace, but a pattern learned from a project holds that project's
 * text: a caller sees it only when it sees the project's workspace (templates and manual patterns
 * are for everyone). Operators see all.
 */
@Injectable()
export class MemoryVisibility {
  constructor(private readonly scope: WorkspaceScope) {}

  async visible<T extends ProjectLinked>(caller: Principal, items: readonly T[]): Promise<T[]> {
    if (isOperator(caller)) return [...items];
    // All the answer's projects at once, through the scope's cache (a project never moves).
    const workspaces = await this.scope.projectWorkspaces(
      items.map(projectOf).filter((id) => id !== undefined),
    );
    return items.filter((item) => {
      const project = projectOf(item);
      if (project === undefined) return true;
      const workspace = workspaces.get(project);
      return workspace !== undefined && seesWorkspace(caller, workspace);
    });
  }
}
