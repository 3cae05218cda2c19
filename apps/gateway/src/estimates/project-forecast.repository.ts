import { DbNumber } from '@agentbus/contracts';
import { poolOf } from '@agentbus/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import { ReadModelTables } from '../read-model/read-model.tables';
import { type CostForecast } from './cost-forecast';

/** A forecast just reconciled: what was forecast, what was spent, how the project ended. */
export const ReconciledRow = z.object({
  project_id: z.string(),
  final_state: z.string(),
  forecast_usd: DbNumber,
  actual_cost_usd: DbNumber,
});
export type ReconciledRow = z.infer<typeof ReconciledRow>;

const ENDED = `('completed', 'failed', 'cancelled')`;

/** `project_forecasts` (gateway schema): the forecast made at submit, reconciled at the end. */
@Injectable()
export class ProjectForecastRepository {
  private readonly reconcileSql: string;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    tables: ReadModelTables,
  ) {
    // One UPDATE claims each ended project's forecast: with several gateway replicas (or a pass
    // overlapping the last) every forecast is reconciled, and observed, exactly once.
    this.reconcileSql = `UPDATE project_forecasts f SET reconciled_at = now(), final_state = p.state,
        actual_cost_usd = coalesce(
          (SELECT sum(u.cost_usd) FROM ${tables.llmUsage} u WHERE u.project_id = f.project_id), 0)
      FROM ${tables.projects} p
      WHERE p.id = f.project_id AND p.state IN ${ENDED} AND f.project_id IN (
        SELECT o.project_id FROM project_forecasts o JOIN ${tables.projects} e ON e.id = o.project_id
        WHERE o.reconciled_at IS NULL AND e.state IN ${ENDED}
        ORDER BY o.created_at LIMIT $1 FOR UPDATE OF o SKIP LOCKED)
      RETURNING f.project_id, f.final_state, (f.forecast->'total'->>'costUsd') AS forecast_usd,
        f.actual_cost_usd`;
  }

  /** Stores the forecast a project is submitted with, in the submission's transaction. */
  async insert(
    tx: EntityManager,
    projectId: string,
    requirementsChars: number,
    forecast: CostForecast,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO project_forecasts (project_id, requirements_chars, based_on_projects, forecast)
       VALUES ($1, $2, $3, $4::jsonb)`,
      [
        projectId,
        requirementsChars,
        forecast.basedOnProjects,
        JSON.stringify({ stages: forecast.stages, total: forecast.total }),
      ],
    );
  }

  /** Fixes the actual spend of up to `limit` projects that ended since the last pass. */
  async reconcileEnded(limit: number): Promise<ReconciledRow[]> {
    const { rows } = await poolOf(this.db).query(this.reconcileSql, [limit]);
    return rows.map((row) => ReconciledRow.parse(row));
  }
}
