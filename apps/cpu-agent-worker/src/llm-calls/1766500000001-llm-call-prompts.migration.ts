import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The prompt each recorded call sent (`{system, messages}`), beside its response: a reviewer can read
 * what an agent was told (its skills, memory patterns and inputs), not only what it answered. Null on
 * calls recorded before prompts were kept.
 */
export class LlmCallPrompts1766500000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE llm_calls ADD COLUMN prompt jsonb');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE llm_calls DROP COLUMN IF EXISTS prompt');
  }
}
