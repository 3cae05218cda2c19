import { Injectable } from '@nestjs/common';
import { type Principal } from '../auth/principal';
import { ForbiddenError, NotFoundError } from '../http/problem/problem.errors';
import { unknownProject } from '../read-model/project.errors';
import { DEFAULT_WORKSPACE, isOperator, seesWorkspace } from './workspace';
import { WorkspaceScopeRepository } from './workspace-scope.repository';

// Bounds the memory of the cache; past it the cache starts over.
const MAX_CACHED_PROJECTS = 100_000;
// class-validator's isUUID('all'), as the routes' own params check it.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a route reaches by its path: a project, an API key, or neither. */
export interface RouteTarget {
  /** The Express route pattern, e.g. `/v1/projects/:id/audit`. */
  readonly path: string;
  readonly params: Readonly<Record<string, string | undefined>>;
}

/**
 * The one place where a request for a project or key of another workspace is stopped: every
 * `/v1/projects/:id…` and `/v1/api-keys/:id…` route passes here (from the API key guard), so a
 * new route cannot forget it. Outside the caller's workspaces the answer is the route's own 404
 * (nothing says the thing exists). A project's workspace never changes, so it is cached.
 */
@Injectable()
export class WorkspaceScope {
  private readonly projects = new Map<string, string>();

  constructor(private readonly records: WorkspaceScopeRepository) {}

  async assertReachable(target: RouteTarget, caller: Principal): Promise<void> {
    if (isOperator(caller)) return;
    const id = target.params['id'];
    // A malformed id is left to the route's own validation (400), which reads nothing.
    if (id === undefined || !UUID.test(id)) return;
    if (target.path.startsWith('/v1/projects/:id')) {
      if (!seesWorkspace(caller, await this.projectWorkspace(id))) throw unknownProject(id);
    } else if (target.path.startsWith('/v1/api-keys/:id')) {
      const workspaces = await this.records.keyWorkspaces(id);
      if (workspaces !== undefined && !workspaces.every((w) => seesWorkspace(caller, w))) {
        throw new NotFoundError(
          'api-key-not-found',
          `No API key has id ${id}: GET /v1/api-keys lists them.`,
        );
      }
    }
  }

  /** 403 unless the caller acts in every workspace (global resources: skills, allowlists). */
  assertOperator(caller: Principal): void {
    if (!isOperator(caller)) {
      throw new ForbiddenError(
        `This route changes what every workspace shares; only an operator key (workspaces "*") may call it, and "${caller.name}" acts in ${caller.workspaces.join(', ')}.`,
      );
    }
  }

  /**
   * The workspace of each project (cached ones from the cache, the rest in one query). Unrecorded:
   * a project from before workspaces (default), or none at all (the route's 404).
   */
  async projectWorkspaces(ids: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const cached = this.projects.get(id);
      if (cached === undefined) missing.push(id);
      else found.set(id, cached);
    }
    if (missing.length === 0) return found;
    const recorded = await this.records.projectWorkspaces(missing);
    for (const id of missing) {
      const workspace = recorded.get(id);
      if (workspace !== undefined) this.remember(id, workspace);
      found.set(id, workspace ?? DEFAULT_WORKSPACE);
    }
    return found;
  }

  private async projectWorkspace(id: string): Promise<string> {
    const cached = this.projects.get(id);
    if (cached !== undefined) return cached;
    const recorded = await this.records.projectWorkspace(id);
    if (recorded === undefined) return DEFAULT_WORKSPACE;
    this.remember(id, recorded);
    return recorded;
  }

  // Not called for unrecorded ids: one unknown now stays unknown, but the cache holds real projects.
  private remember(id: string, workspace: string): void {
    if (this.projects.size >= MAX_CACHED_PROJECTS) this.projects.clear();
    this.projects.set(id, workspace);
  }
}
