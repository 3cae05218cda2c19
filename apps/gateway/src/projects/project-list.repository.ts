import { type ProjectState, ProjectsV1 } from '@agentbus/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { PreparedStatements } from '../database/prepared-statements';
import { parseRows } from '../read-model/parse-rows.util';
import { ReadModelTables } from '../read-model/read-model.tables';
import { DEFAULT_WORKSPACE } from '../workspaces/workspace';
import { type ListCursor } from './list-cursor.util';

const ProjectListRow = ProjectsV1.row
  .pick({
    id: true,
    name: true,
    state: true,
    submitted_by: true,
    created_at: true,
    updated_at: true,
  })
  .extend({
    workspace: z.string(),
    /** `created_at` to the microsecond, for the next cursor (a JS Date keeps milliseconds only). */
    position: z.string(),
  });
export type ProjectListRow = z.infer<typeof ProjectListRow>;

export interface ProjectListFilter {
  readonly state: ProjectState | undefined;
  /** Only names containing this text, ignoring case. */
  readonly nameContains: string | undefined;
  readonly after: ListCursor | undefined;
  readonly limit: number;
  /** Only projects of these workspaces; `null`: every project (an operator). */
  readonly workspaces: readonly string[] | null;
}

/**
 * Projects newest first, keyset-paginated on (created_at, id): the orchestrator's `projects_v1`
 * plus the submissions it has not created yet (shown as `queued`), in the caller's workspaces
 * (the orchestrator's `project_workspaces_v1`, else the gateway's own record; neither: `default`). Each combination of filters
 * (workspaces, state, name, cursor or not) is its own prepared statement: sixteen texts, each planned for
 * exactly its conditions rather than one generic plan around `$n IS NULL OR ...`.
 */
@Injectable()
export class ProjectListRepository {
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly prepared: PreparedStatements,
    private readonly tables: ReadModelTables,
  ) {}

  async list({
    state,
    nameContains,
    after,
    limit,
    workspaces,
  }: ProjectListFilter): Promise<ProjectListRow[]> {
    const values: unknown[] = [limit];
    const conditions: string[] = [];
    if (workspaces !== null) {
      values.push(workspaces);
      conditions.push(`workspace = ANY($${values.length}::text[])`);
    }
    if (state !== undefined) {
      values.push(state);
      conditions.push(`state = $${values.length}::text`);
    }
    if (nameContains !== undefined) {
      values.push(likePattern(nameContains));
      conditions.push(`name ILIKE $${values.length}::text ESCAPE '\\'`);
    }
    if (after !== undefined) {
      values.push(after.createdAt, after.id);
      const at = values.length - 1;
      conditions.push(`(created_at, id) < ($${at}::timestamptz, $${at + 1}::uuid)`);
    }
    const rows = await this.prepared.query(this.textOf(conditions), values);
    return parseRows(ProjectListRow, rows);
  }

  private textOf(conditions: readonly string[]): string {
    const key = conditions.join(' AND ');
    let text = this.texts.get(key);
    if (text === undefined) {
      const { projects, projectWorkspaces } = this.tables;
      text = `WITH listed AS (
         SELECT p.id, p.name, p.state, p.submitted_by, p.created_at, p.updated_at,
                COALESCE(o.workspace, w.workspace, '${DEFAULT_WORKSPACE}') AS workspace
         FROM ${projects} p
         LEFT JOIN ${projectWorkspaces} o ON o.id = p.id
         LEFT JOIN project_workspaces w ON w.project_id = p.id
         UNION ALL
         SELECT s.id, s.name, 'queued', s.submitted_by, s.created_at, s.created_at,
                COALESCE(w.workspace, '${DEFAULT_WORKSPACE}')
         FROM submissions s LEFT JOIN project_workspaces w ON w.project_id = s.id
         WHERE NOT EXISTS (SELECT 1 FROM ${projects} p WHERE p.id = s.id)
       )
       SELECT id, name, state, submitted_by, created_at, updated_at, workspace,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
       FROM listed ${key === '' ? '' : `WHERE ${key}`}
       ORDER BY created_at DESC, id DESC
       LIMIT $1`;
      this.texts.set(key, text);
    }
    return text;
  }
}

/** `%text%` for ILIKE, the text's own `%`, `_` and `\` matched literally. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, '\\$&')}%`;
