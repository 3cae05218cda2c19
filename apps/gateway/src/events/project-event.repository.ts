import { EventsV1 } from '@agentbus/contracts';
import { Injectable } from '@nestjs/common';
import { PreparedStatements } from '../database/prepared-statements';
import { parseRows } from '../read-model/parse-rows.util';
import { ReadModelTables } from '../read-model/read-model.tables';
import { type ProjectEventRow } from './project-event';

/** Where each followed project's stream stands: events after `afterSeq` are wanted. */
export interface EventCursor {
  readonly projectId: string;
  readonly afterSeq: number;
}

/**
 * Reads the orchestrator's `events_v1` view. Ordering by `seq` is safe per project: the
 * orchestrator serializes each project's changes on its row, so a project's events commit in
 * `seq` order (DESIGN §6) and none appears behind a cursor.
 */
@Injectable()
export class ProjectEventRepository {
  constructor(
    private readonly prepared: PreparedStatements,
    private readonly tables: ReadModelTables,
  ) {}

  /** One page of a project's events after `afterSeq`, oldest first. */
  async page(projectId: string, afterSeq: number, limit: number): Promise<ProjectEventRow[]> {
    const rows = await this.prepared.query(
      `SELECT seq, id, project_id, type, data, created_at FROM ${this.tables.events}
       WHERE project_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [projectId, afterSeq, limit],
    );
    return parseRows(EventsV1.row, rows);
  }

  /** New events of many followed projects in one query, oldest first. */
  async after(cursors: readonly EventCursor[], limit: number): Promise<ProjectEventRow[]> {
    const rows = await this.prepared.query(
      `SELECT e.seq, e.id, e.project_id, e.type, e.data, e.created_at
       FROM unnest($1::uuid[], $2::bigint[]) AS c(project_id, after_seq)
       JOIN ${this.tables.events} e ON e.project_id = c.project_id AND e.seq > c.after_seq
       ORDER BY e.seq LIMIT $3`,
      [cursors.map((c) => c.projectId), cursors.map((c) => c.afterSeq), limit],
    );
    return parseRows(EventsV1.row, rows);
  }
}
