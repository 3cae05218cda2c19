import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What the gateway itself remembers of a submission: the row that shows a project as `queued`
 * until the orchestrator has created it, and the Idempotency-Key records (kept 24 h) that make a
 * retried POST answer the same project instead of creating another.
 */
export class Submissions1764300000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE submissions (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        submitted_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX submissions_created ON submissions (created_at DESC, id DESC)`,
    );
    await runner.query(`
      CREATE TABLE idempotency_keys (
        api_key_id uuid NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
        key text NOT NULL,
        request_sha256 text NOT NULL,
        project_id uuid NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (api_key_id, key)
      )`);
    await runner.query(`CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS idempotency_keys');
    await runner.query('DROP TABLE IF EXISTS submissions');
  }
}
