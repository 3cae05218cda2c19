import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Artifacts and the LLM calls that made them (DESIGN §7, §17). An artifact is content-addressed
 * (sha256) and written once per (project, stage, attempt), so a redelivered task finds its artifact
 * instead of writing another version. An LLM call is kept by (project, stage, attempt, step), so a
 * redelivered task whose call already finished reuses the response instead of paying again.
 */
export class Artifacts1764200000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE artifacts (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL,
        stage text NOT NULL,
        version integer NOT NULL,
        attempt integer NOT NULL,
        format text NOT NULL,
        body text NOT NULL,
        sha256 text NOT NULL,
        size_bytes integer NOT NULL,
        agent text NOT NULL,
        provider text NOT NULL,
        model text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, stage, version),
        UNIQUE (project_id, stage, attempt)
      )`);
    await runner.query(`
      CREATE TABLE llm_calls (
        project_id uuid NOT NULL,
        stage text NOT NULL,
        attempt integer NOT NULL,
        step integer NOT NULL,
        agent text NOT NULL,
        provider text NOT NULL,
        model text NOT NULL,
        response jsonb NOT NULL,
        input_tokens integer NOT NULL,
        output_tokens integer NOT NULL,
        cost_usd numeric(14, 6) NOT NULL,
        duration_ms integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, stage, attempt, step)
      )`);
    await runner.query(`CREATE INDEX llm_calls_created ON llm_calls (created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS llm_calls');
    await runner.query('DROP TABLE IF EXISTS artifacts');
  }
}
