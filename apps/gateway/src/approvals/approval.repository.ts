import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadModelTables } from '../read-model/read-model.tables';

/** The gate opening a decision is about: the open one, else the latest. */
export interface ApprovalRow {
  readonly id: string;
  readonly attempt: number;
  readonly state: string;
  readonly decision: string | null;
  readonly decided_by: string | null;
}

/** Reads the orchestrator's `approvals` (never writes them: the orchestrator decides). */
@Injectable()
export class ApprovalRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly tables: ReadModelTables,
  ) {}

  async current(projectId: string, gate: string): Promise<ApprovalRow | undefined> {
    const rows: ApprovalRow[] = await this.db.query(
      `SELECT id, attempt, state, decision, decided_by FROM ${this.tables.approvals}
       WHERE project_id = $1 AND gate = $2
       ORDER BY (state = 'open') DESC, attempt DESC LIMIT 1`,
      [projectId, gate],
    );
    return rows[0];
  }
}
