import { type LlmResponse } from '@agentbus/llm';
import { type StageId } from '@agentbus/contracts';
import { poolOf, type SqlStatement } from '@agentbus/persistence';
import { type DataSource } from 'typeorm';

/** Which call of which task: the deterministic key of DESIGN §17 (project, stage, attempt, step). */
export interface LlmCallKey {
  readonly projectId: string;
  readonly stage: StageId;
  readonly attempt: number;
  readonly step: number;
}

/** A finished call as recorded. */
export interface RecordedCall {
  readonly response: LlmResponse;
  readonly costUsd: number;
}

/** What a call sent, kept beside its response so a reviewer can read what the agent was told. */
export interface RecordedPrompt {
  readonly system: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
}

/**
 * Finished LLM calls, committed as soon as they return: a redelivered task whose call already
 * finished reads the response here instead of calling (and paying) again.
 */
export class LlmCallStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The read of every call an attempt recorded, to batch with the task's other reads. */
  static attemptCalls(task: Omit<LlmCallKey, 'step'>): SqlStatement {
    return {
      sql: `SELECT step, response, cost_usd FROM llm_calls
            WHERE project_id = $1 AND stage = $2 AND attempt = $3`,
      params: [task.projectId, task.stage, task.attempt],
    };
  }

  /** The rows of {@link attemptCalls} by step. */
  static byStep(rows: readonly Record<string, unknown>[]): Map<number, RecordedCall> {
    return new Map(
      rows.map((row) => [
        Number(row['step']),
        { response: row['response'] as LlmResponse, costUsd: Number(row['cost_usd']) },
      ]),
    );
  }

  async find(key: LlmCallKey): Promise<RecordedCall | undefined> {
    const rows: { response: LlmResponse; cost_usd: string }[] = await this.dataSource.query(
      `SELECT response, cost_usd FROM llm_calls
       WHERE project_id = $1 AND stage = $2 AND attempt = $3 AND step = $4`,
      [key.projectId, key.stage, key.attempt, key.step],
    );
    const row = rows[0];
    return row && { response: row.response, costUsd: Number(row.cost_usd) };
  }

  /** Records a call; a concurrent duplicate (two deliveries at once) keeps the first. */
  async record(
    key: LlmCallKey,
    agent: string,
    call: RecordedCall,
    durationMs: number,
    prompt: RecordedPrompt,
  ): Promise<void> {
    await poolOf(this.dataSource).query(
      `INSERT INTO llm_calls (project_id, stage, attempt, step, agent, provider, model, response,
         input_tokens, output_tokens, cost_usd, duration_ms, prompt, cache_read_tokens,
         cache_write_tokens)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13::jsonb, $14, $15)
       ON CONFLICT (project_id, stage, attempt, step) DO NOTHING`,
      [
        key.projectId,
        key.stage,
        key.attempt,
        key.step,
        agent,
        call.response.provider,
        call.response.model,
        JSON.stringify(call.response),
        call.response.usage.inputTokens,
        call.response.usage.outputTokens,
        call.costUsd,
        durationMs,
        JSON.stringify(prompt),
        call.response.usage.cacheReadTokens ?? 0,
        call.response.usage.cacheWriteTokens ?? 0,
      ],
    );
  }
}
