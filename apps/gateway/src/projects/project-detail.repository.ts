import { ProjectsV2 } from '@agentbus/contracts';
import { GateTimersV1 } from '@agentbus/contracts';
import { Injectable } from '@nestjs/common';
import { PreparedStatements } from '../database/prepared-statements';
import { ReadModelTables } from '../read-model/read-model.tables';
import { ForecastRow, ProjectDetailRow, type ProjectDetailRows } from './project-detail.rows';

const FORECAST_COLUMNS = Object.keys(ForecastRow.shape).join(', ');

/** A submission the orchestrator has not created yet. */
export interface SubmissionRow {
  readonly id: string;
  readonly name: string;
  readonly submitted_by: string;
  readonly created_at: Date;
}

const aggregated = (columns: string, from: string, order = '') =>
  `(SELECT coalesce(json_agg(r${order}), '[]') FROM (SELECT ${columns} FROM ${from}) r)`;

/**
 * Reads one project with its stages, gates, LLM usage, pending decisions and the cost forecast made
 * at submit in one statement (so from one snapshot, in one round trip), from the orchestrator's and
 * worker's views and the gateway's own tables.
 */
@Injectable()
export class ProjectDetailRepository {
  private readonly sql: string;

  constructor(
    private readonly prepared: PreparedStatements,
    tables: ReadModelTables,
  ) {
    const { projects, stages, approvals, llmUsage, gateTimers, projectRouting } = tables;
    this.sql = `SELECT ${ProjectsV2.columns.map((column) => `p.${column}`).join(', ')},
      ${aggregated(
        `stage, state, attempt, failures, target, started_at, finished_at, next_attempt_at,
         artifact, last_error`,
        `${stages} WHERE project_id = p.id`,
      )} AS stages,
      ${aggregated(
        `id, gate, attempt, stage, state, reason, decision, comment, decided_by, decided_at,
         opened_at, superseded_at, superseded_by`,
        `${approvals} WHERE project_id = p.id`,
        ' ORDER BY r.opened_at, r.gate, r.attempt',
      )} AS approvals,
      ${aggregated(
        `stage, sum(input_tokens) AS input_tokens, sum(cache_read_tokens) AS cache_read_tokens,
         sum(cache_write_tokens) AS cache_write_tokens, sum(output_tokens) AS output_tokens,
         sum(cost_usd) AS cost_usd, count(*) AS calls`,
        `${llmUsage} WHERE project_id = p.id GROUP BY stage`,
      )} AS usage,
      ${aggregated(
        'approval_id, decision, comment, decided_by, created_at',
        'decisions WHERE project_id = p.id',
      )} AS decisions,
      ${aggregated(
        GateTimersV1.columns.filter((column) => column !== 'project_id').join(', '),
        `${gateTimers} WHERE project_id = p.id`,
      )} AS gate_timers,
      (SELECT r.routing FROM ${projectRouting} r WHERE r.id = p.id) AS routing,
      (SELECT row_to_json(f) FROM (SELECT ${FORECAST_COLUMNS} FROM project_forecasts
        WHERE project_id = p.id) f) AS forecast
      FROM ${projects} p WHERE p.id = $1`;
  }

  async find(id: string): Promise<ProjectDetailRows | SubmissionRow | undefined> {
    const [found] = await this.prepared.query(this.sql, [id]);
    if (found === undefined) {
      const [submission] = await this.prepared.query<SubmissionRow>(
        'SELECT id, name, submitted_by, created_at FROM submissions WHERE id = $1',
        [id],
      );
      return submission;
    }
    const parsed = ProjectDetailRow.parse(found);
    const { stages, approvals, usage, decisions, routing, forecast, ...rest } = parsed;
    const { gate_timers: gateTimers, ...project } = rest;
    return { project, stages, approvals, usage, decisions, gateTimers, routing, forecast };
  }
}
