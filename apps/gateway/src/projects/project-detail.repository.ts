import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ReadModelTables } from '../read-model/read-model.tables';
import { readSnapshot } from '../read-model/read-snapshot.util';
import { type ProjectDetailRows, type ProjectRow } from './project-detail.rows';

// Every column but `requirements`, which can be 200 000 characters and is not shown.
const PROJECT_COLUMNS = `id, name, state, failure_cause, failed_stage, submitted_by, options, budget,
  tokens_used, cost_usd, tokens_reserved, cost_reserved_usd, created_at, updated_at, completed_at`;

/** A submission the orchestrator has not created yet. */
export interface SubmissionRow {
  readonly id: string;
  readonly name: string;
  readonly submitted_by: string;
  readonly created_at: Date;
}

/** Reads one project with its stages, gates and LLM usage (read-only, one snapshot). */
@Injectable()
export class ProjectDetailRepository {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly tables: ReadModelTables,
  ) {}

  find(id: string): Promise<ProjectDetailRows | SubmissionRow | undefined> {
    return readSnapshot(this.db, async (tx) => {
      const [project] = await this.rows<ProjectRow>(
        tx,
        `SELECT ${PROJECT_COLUMNS} FROM ${this.tables.projects} WHERE id = $1`,
        id,
      );
      if (project === undefined) {
        const [submission] = await this.rows<SubmissionRow>(
          tx,
          'SELECT id, name, submitted_by, created_at FROM submissions WHERE id = $1',
          id,
        );
        return submission;
      }
      const { stages, approvals, llmCalls } = this.tables;
      return {
        project,
        stages: await this.rows(tx, `SELECT * FROM ${stages} WHERE project_id = $1`, id),
        approvals: await this.rows(
          tx,
          `SELECT * FROM ${approvals} WHERE project_id = $1 ORDER BY opened_at, gate, attempt`,
          id,
        ),
        usage: await this.rows(
          tx,
          `SELECT stage, sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens,
                  sum(cost_usd) AS cost_usd, count(*) AS calls
           FROM ${llmCalls} WHERE project_id = $1 GROUP BY stage`,
          id,
        ),
        decisions: await this.rows(
          tx,
          `SELECT approval_id, decision, comment, decided_by, created_at
           FROM decisions WHERE project_id = $1`,
          id,
        ),
      };
    });
  }

  private rows<T>(tx: EntityManager, sql: string, id: string): Promise<T[]> {
    return tx.query(sql, [id]);
  }
}
