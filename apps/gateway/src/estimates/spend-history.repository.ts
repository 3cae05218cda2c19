import { DbNumber, ProjectRequirementsV1 } from '@agentbus/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { PreparedStatements } from '../database/prepared-statements';
import { ReadModelTables } from '../read-model/read-model.tables';
import { DEFAULT_WORKSPACE } from '../workspaces/workspace';
import { type PastStageSpend } from './cost-forecast';

/** Completed projects a forecast learns from: the latest, so it follows model and price changes. */
export const HISTORY_PROJECTS = 50;

const SpendRow = z.object({
  project_id: z.string(),
  requirements_chars: DbNumber,
  stage: z.string(),
  input_tokens: DbNumber,
  output_tokens: DbNumber,
  cost_usd: DbNumber,
});

/**
 * What the latest completed projects of the caller's workspaces spent per stage (the worker's
 * `llm_usage_v1`), with the size of their requirements (the orchestrator's
 * `project_requirements_v1`).
 */
@Injectable()
export class SpendHistoryRepository {
  private readonly sql: string;

  constructor(
    private readonly prepared: PreparedStatements,
    tables: ReadModelTables,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    const requirements = `"${config.ORCHESTRATOR_SCHEMA}"."${ProjectRequirementsV1.view}"`;
    // A caller learns only from its own workspaces' projects ($1 null: an operator, all of them).
    this.sql = `WITH recent AS (
        SELECT p.id FROM ${tables.projects} p
        LEFT JOIN ${tables.projectWorkspaces} o ON o.id = p.id
        LEFT JOIN project_workspaces w ON w.project_id = p.id
        WHERE p.state = 'completed'
          AND ($1::text[] IS NULL
            OR COALESCE(o.workspace, w.workspace, '${DEFAULT_WORKSPACE}') = ANY($1::text[]))
        ORDER BY p.created_at DESC LIMIT ${HISTORY_PROJECTS}
      )
      SELECT u.project_id, length(r.requirements) AS requirements_chars, u.stage,
        sum(u.input_tokens) AS input_tokens, sum(u.output_tokens) AS output_tokens,
        sum(u.cost_usd) AS cost_usd
      FROM ${tables.llmUsage} u
      JOIN recent ON recent.id = u.project_id
      JOIN ${requirements} r ON r.id = u.project_id
      GROUP BY u.project_id, r.requirements, u.stage`;
  }

  /** Spend of the latest completed projects in `workspaces` (null: every workspace). */
  async recent(workspaces: readonly string[] | null): Promise<PastStageSpend[]> {
    const rows = await this.prepared.query(this.sql, [workspaces]);
    return rows.map((raw) => {
      const row = SpendRow.parse(raw);
      return {
        projectId: row.project_id,
        requirementsChars: row.requirements_chars,
        stage: row.stage,
        inputTokens: row.input_tokens,
        outputTokens: row.output_tokens,
        costUsd: row.cost_usd,
      };
    });
  }
}
