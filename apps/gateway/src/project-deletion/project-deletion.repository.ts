import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { type DeletionRecord } from './deletion-progress.util';

const Row = z.object({
  project_id: z.string(),
  requested_by: z.string(),
  requested_at: z.coerce.date(),
  answers: z.record(z.string(), z.object({ rows: z.number().int(), at: z.string() })),
});

const toRecord = (row: z.infer<typeof Row>): DeletionRecord => ({
  projectId: row.project_id,
  requestedBy: row.requested_by,
  requestedAt: row.requested_at,
  answers: row.answers,
});

/** `project_deletions` (gateway schema): one record per deleted project, kept for the audit. */
@Injectable()
export class ProjectDeletionRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async find(projectId: string): Promise<DeletionRecord | undefined> {
    const rows: unknown[] = await this.db.query(
      'SELECT * FROM project_deletions WHERE project_id = $1',
      [projectId],
    );
    return rows.map((row) => toRecord(Row.parse(row)))[0];
  }

  /**
   * Records the request in the caller's transaction with the gateway's own answer; false when it
   * is already recorded (a concurrent or repeated DELETE, which must not be sent again).
   */
  async record(
    tx: EntityManager,
    entry: { projectId: string; requestedBy: string; messageId: string; gatewayRows: number },
  ): Promise<boolean> {
    const inserted: unknown[] = await tx.query(
      `INSERT INTO project_deletions (project_id, requested_by, message_id, answers)
       VALUES ($1, $2, $3, jsonb_build_object('gateway', jsonb_build_object(
         'rows', $4::int, 'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))))
       ON CONFLICT (project_id) DO NOTHING RETURNING 1`,
      [entry.projectId, entry.requestedBy, entry.messageId, entry.gatewayRows],
    );
    return inserted.length > 0;
  }
}
