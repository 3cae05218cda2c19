import { DbNumber, LlmUsageV2 } from '@agentbus/contracts';
import { Injectable } from '@nestjs/common';
import { PreparedStatements } from '../database/prepared-statements';
import { parseRows } from '../read-model/parse-rows.util';
import { ReadModelTables } from '../read-model/read-model.tables';
import { type CallUsage } from './cost-so-far';

const CallRow = LlmUsageV2.row
  .pick({
    stage: true,
    attempt: true,
    input_tokens: true,
    cache_read_tokens: true,
    cache_write_tokens: true,
    output_tokens: true,
    created_at: true,
  })
  .extend({ cost_usd: DbNumber });

/** A project's LLM calls from the worker's `llm_usage_v2`, for the cost its SSE stream carries. */
@Injectable()
export class ProjectCostRepository {
  constructor(
    private readonly prepared: PreparedStatements,
    private readonly tables: ReadModelTables,
  ) {}

  async calls(projectId: string): Promise<CallUsage[]> {
    const rows = await this.prepared.query(
      `SELECT ${Object.keys(CallRow.shape).join(', ')} FROM ${this.tables.llmUsage}
       WHERE project_id = $1`,
      [projectId],
    );
    return parseRows(CallRow, rows);
  }
}
