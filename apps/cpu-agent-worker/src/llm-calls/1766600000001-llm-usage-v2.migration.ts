import { LlmUsageV2, readerGrantStatements } from '@agentbus/contracts';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Prompt-cache tokens of each LLM call as columns (issue 14), so a project's cost reads them
 * without opening the stored responses, and `llm_usage_v2` publishing them (ADR 0005) beside v1.
 * Calls recorded before take theirs from the response's usage (the providers' readers put them there).
 */
export class LlmUsageCacheTokens1766600000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE llm_calls
      ADD COLUMN cache_read_tokens integer NOT NULL DEFAULT 0,
      ADD COLUMN cache_write_tokens integer NOT NULL DEFAULT 0`);
    await runner.query(`UPDATE llm_calls SET
      cache_read_tokens = coalesce((response->'usage'->>'cacheReadTokens')::integer, 0),
      cache_write_tokens = coalesce((response->'usage'->>'cacheWriteTokens')::integer, 0)
      WHERE response->'usage' ?| array['cacheReadTokens', 'cacheWriteTokens']`);
    await runner.query(
      `CREATE VIEW ${LlmUsageV2.view} AS SELECT ${LlmUsageV2.columns.join(', ')} FROM llm_calls`,
    );
    for (const statement of readerGrantStatements([LlmUsageV2])) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW IF EXISTS ${LlmUsageV2.view}`);
    await runner.query(
      'ALTER TABLE llm_calls DROP COLUMN IF EXISTS cache_read_tokens, DROP COLUMN IF EXISTS cache_write_tokens',
    );
  }
}
