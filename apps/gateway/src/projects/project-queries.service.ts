import { Injectable } from '@nestjs/common';
import { type Principal } from '../auth/principal';
import { DEFAULT_WORKSPACE, workspaceFilterOf } from '../workspaces/workspace';
import { WorkspaceScopeRepository } from '../workspaces/workspace-scope.repository';
import { unknownProject } from '../read-model/project.errors';
import { decodeCursor, encodeCursor } from './list-cursor.util';
import { type ListProjectsQuery } from './list-projects.query';
import { projectDetailView, queuedDetailView } from './project-detail.mapper';
import { ProjectDetailRepository } from './project-detail.repository';
import { type ProjectDetailView } from './project-detail.views';
import { projectLinks } from './project-links.util';
import { ProjectListRepository } from './project-list.repository';
import { type ProjectPageView } from './project.views';

const DEFAULT_PAGE_SIZE = 20;

/** Reads projects for the API: a page of the list, or one project in detail. */
@Injectable()
export class ProjectQueriesService {
  constructor(
    private readonly list: ProjectListRepository,
    private readonly detail: ProjectDetailRepository,
    private readonly workspaces: WorkspaceScopeRepository,
  ) {}

  /** A page of the projects in the caller's workspaces. */
  async page(query: ListProjectsQuery, caller: Principal): Promise<ProjectPageView> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    // One row more than asked says whether another page exists.
    const rows = await this.list.list({
      state: query.state,
      nameContains: query.q,
      after,
      limit: limit + 1,
      workspaces: workspaceFilterOf(caller),
    });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({
        id: row.id,
        name: row.name,
        state: row.state,
        submittedBy: row.submitted_by,
        workspace: row.workspace,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        links: projectLinks(row.id),
      })),
      nextCursor:
        rows.length > limit && last !== undefined
          ? encodeCursor({ createdAt: last.position, id: last.id })
          : null,
    };
  }

  async get(id: string): Promise<ProjectDetailView> {
    const [found, recorded] = await Promise.all([
      this.detail.find(id),
      this.workspaces.projectWorkspace(id),
    ]);
    if (found === undefined) throw unknownProject(id);
    const workspace = recorded ?? DEFAULT_WORKSPACE;
    return 'project' in found
      ? projectDetailView(found, workspace)
      : queuedDetailView(found, workspace);
  }
}
