import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * API keys, hashed at rest (only the SHA-256 of a key is stored; the key is shown once). A name is
 * unique among active keys because it is what `submittedBy` and `decidedBy` record.
 */
export class ApiKeys1764300000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('viewer', 'requester', 'approver', 'admin')),
        key_sha256 text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS api_keys');
  }
}
