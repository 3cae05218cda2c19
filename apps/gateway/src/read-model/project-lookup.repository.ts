import { ProjectsV1 } from '@agentbus/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { PreparedStatements } from '../database/prepared-statements';
import { parseRows } from './parse-rows.util';
import { projectNotStarted, unknownProject } from './project.errors';
import { ReadModelTables } from './read-model.tables';

/** A project's current state, as the orchestrator last wrote it. */
export interface ProjectStatus {
  readonly state: string;
  /** Changes with every state change: the version column plus `updated_at` (µs). */
  readonly revision: string;
}

const StatusRow = ProjectsV1.row.pick({ state: true }).extend({ revision: z.string() });

/** Finds the state of a project before a command is sent to it. */
@Injectable()
export class ProjectLookupRepository {
  constructor(
    private readonly prepared: PreparedStatements,
    private readonly tables: ReadModelTables,
  ) {}

  /** The project's status; `queued` for a submission not created yet; `undefined` if unknown. */
  async status(id: string): Promise<ProjectStatus | undefined> {
    const rows = await this.prepared.query(
      `SELECT state, revision FROM (
         SELECT 0 AS pick, state, version || '@' ||
                to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS revision
         FROM ${this.tables.projects} WHERE id = $1
         UNION ALL
         SELECT 1, 'queued', 'submitted' FROM submissions WHERE id = $1
       ) found ORDER BY pick LIMIT 1`,
      [id],
    );
    return parseRows(StatusRow, rows)[0];
  }

  /**
   * The status of a project the orchestrator has created: 404 if unknown, 409 (retry shortly) while
   * it is only a submission, since a command for it could overtake its creation.
   */
  async created(id: string): Promise<ProjectStatus> {
    const status = await this.status(id);
    if (status === undefined) throw unknownProject(id);
    if (status.revision === 'submitted') throw projectNotStarted();
    return status;
  }
}
