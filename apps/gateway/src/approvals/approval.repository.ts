import { ApprovalsV1 } from '@agentbus/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type z } from 'zod';
import { parseRows } from '../read-model/parse-rows.util';
import { ReadModelTables } from '../read-model/read-model.tables';

/** The gate opening a decision is about: the open one, else the latest. */
const ApprovalRow = ApprovalsV1.row.pick({
  id: true,
  attempt: true,
  state: true,
  decision: true,
  decided_by: true,
});
export type ApprovalRow = z.infer<typeof ApprovalRow>;

/** Reads the orchestrator's `approvals_v1` (never writes approvals: the orchestrator decides). */
@Injectable()
export class ApprovalRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly tables: ReadModelTables,
  ) {}

  async current(projectId: string, gate: string): Promise<ApprovalRow | undefined> {
    const rows: unknown[] = await this.db.query(
      `SELECT id, attempt, state, decision, decided_by FROM ${this.tables.approvals}
       WHERE project_id = $1 AND gate = $2
       ORDER BY (state = 'open') DESC, attempt DESC LIMIT 1`,
      [projectId, gate],
    );
    return parseRows(ApprovalRow, rows)[0];
  }
}
