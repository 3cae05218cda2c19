import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Patterns are kept here; Chroma holds only their vectors and is rebuilt from this table
 * (`indexed_embedder` is NULL until the current embedder's collection has the vector). Outcomes
 * are one row per (pattern, project), so a project moves a pattern's success score once, and its
 * latest outcome wins (a failed project that is restarted and completes counts as a success).
 * Retention archives expired rows to `pattern_archive` before deleting them.
 */
export class Patterns1766060000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE patterns (
        id text PRIMARY KEY,
        type text NOT NULL,
        source text NOT NULL CHECK (source IN ('template', 'project', 'manual')),
        text text NOT NULL,
        metadata jsonb NOT NULL DEFAULT '{}',
        project_id uuid,
        content_sha256 text NOT NULL,
        retrieved_count integer NOT NULL DEFAULT 0,
        indexed_embedder text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz
      )`);
    await runner.query(`CREATE INDEX patterns_project ON patterns (project_id)`);
    await runner.query(
      `CREATE INDEX patterns_unindexed ON patterns (created_at) WHERE indexed_embedder IS NULL`,
    );
    await runner.query(
      `CREATE INDEX patterns_expiry ON patterns (source, (COALESCE(last_used_at, created_at)))`,
    );
    await runner.query(`
      CREATE TABLE pattern_outcomes (
        pattern_id text NOT NULL,
        project_id uuid NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('completed', 'failed')),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (pattern_id, project_id)
      )`);
    await runner.query(`CREATE INDEX pattern_outcomes_project ON pattern_outcomes (project_id)`);
    await runner.query(`
      CREATE TABLE pattern_archive (
        id text NOT NULL,
        type text NOT NULL,
        source text NOT NULL,
        text text NOT NULL,
        metadata jsonb NOT NULL,
        project_id uuid,
        retrieved_count integer NOT NULL,
        created_at timestamptz NOT NULL,
        last_used_at timestamptz,
        archived_at timestamptz NOT NULL DEFAULT now(),
        reason text NOT NULL,
        PRIMARY KEY (id, archived_at)
      )`);
    await runner.query(`CREATE INDEX pattern_archive_project ON pattern_archive (project_id)`);
    await runner.query(`
      CREATE TABLE retention_runs (
        id bigserial PRIMARY KEY,
        ran_at timestamptz NOT NULL DEFAULT now(),
        archived jsonb NOT NULL,
        kept jsonb NOT NULL
      )`);
    await runner.query(`CREATE INDEX retention_runs_ran_at ON retention_runs (ran_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['retention_runs', 'pattern_archive', 'pattern_outcomes', 'patterns']) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
