import { type ProjectState, ProjectsV1 } from '@agentbus/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { parseRows } from '../read-model/parse-rows.util';
import { ReadModelTables } from '../read-model/read-model.tables';
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
    /** `created_at` to the microsecond, for the next cursor (a JS Date keeps milliseconds only). */
    position: z.string(),
  });
export type ProjectListRow = z.infer<typeof ProjectListRow>;

export interface ProjectListFilter {
  readonly state: ProjectState | undefined;
  readonly after: ListCursor | undefined;
  readonly limit: number;
}

/**
 * Projects newest first, keyset-paginated on (created_at, id): the orchestrator's `projects_v1`
 * plus the submissions it has not created yet (shown as `queued`).
 */
@Injectable()
export class ProjectListRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly tables: ReadModelTables,
  ) {}

  async list({ state, after, limit }: ProjectListFilter): Promise<ProjectListRow[]> {
    const { projects } = this.tables;
    const rows: unknown[] = await this.db.query(
      `WITH listed AS (
         SELECT p.id, p.name, p.state, p.submitted_by, p.created_at, p.updated_at FROM ${projects} p
         UNION ALL
         SELECT s.id, s.name, 'queued', s.submitted_by, s.created_at, s.created_at FROM submissions s
         WHERE NOT EXISTS (SELECT 1 FROM ${projects} p WHERE p.id = s.id)
       )
       SELECT id, name, state, submitted_by, created_at, updated_at,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
       FROM listed
       WHERE ($1::text IS NULL OR state = $1::text)
         AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
       ORDER BY created_at DESC, id DESC
       LIMIT $4`,
      [state ?? null, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return parseRows(ProjectListRow, rows);
  }
}
