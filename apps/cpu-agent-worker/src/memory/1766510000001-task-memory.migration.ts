import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Memory on the worker's side. `artifacts.memory` is the artifact's `ArtifactRef.memory`
 * (`{patternIds, unavailable?}`: the patterns its prompt carried, or that memory did not answer);
 * null on artifacts made before the worker asked memory. `memory_lookups` keeps what memory
 * answered for an attempt, so a redelivered attempt builds the same prompt (and records the same
 * ids) without asking again; pruned with the LLM calls and deleted with the project.
 */
export class TaskMemory1766510000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE artifacts ADD COLUMN memory jsonb');
    await runner.query(`
      CREATE TABLE memory_lookups (
        project_id uuid NOT NULL,
        stage text NOT NULL,
        attempt integer NOT NULL,
        memory jsonb NOT NULL,
        patterns jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, stage, attempt)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS memory_lookups');
    await runner.query('ALTER TABLE artifacts DROP COLUMN IF EXISTS memory');
  }
}
