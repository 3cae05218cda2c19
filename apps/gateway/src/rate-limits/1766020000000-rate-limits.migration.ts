import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Per-principal limits. A key may override the configured defaults (NULL: the default; 0: no
 * limit). `rate_limits` holds one GCRA state per principal (API key id or SSO subject id): the
 * theoretical arrival time in microseconds of the database clock, so every replica judges a
 * request by the same clock in one statement. `submissions.principal_id` lets the projects a
 * principal has in flight be counted (NULL for submissions made before this migration).
 */
export class RateLimits1766020000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE api_keys
        ADD COLUMN rate_per_minute integer CHECK (rate_per_minute >= 0),
        ADD COLUMN rate_burst integer CHECK (rate_burst >= 1),
        ADD COLUMN projects_in_flight integer CHECK (projects_in_flight >= 0)`);
    await runner.query(`
      CREATE TABLE rate_limits (
        principal_id uuid PRIMARY KEY,
        tat_us bigint NOT NULL,
        seen_us bigint NOT NULL,
        interval_us bigint NOT NULL,
        burst integer NOT NULL,
        allowed boolean NOT NULL
      )`);
    await runner.query('ALTER TABLE submissions ADD COLUMN principal_id uuid');
    await runner.query(
      `CREATE INDEX submissions_principal ON submissions (principal_id, created_at DESC)
       WHERE principal_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP INDEX IF EXISTS submissions_principal');
    await runner.query('ALTER TABLE submissions DROP COLUMN IF EXISTS principal_id');
    await runner.query('DROP TABLE IF EXISTS rate_limits');
    await runner.query(`
      ALTER TABLE api_keys
        DROP COLUMN IF EXISTS projects_in_flight,
        DROP COLUMN IF EXISTS rate_burst,
        DROP COLUMN IF EXISTS rate_per_minute`);
  }
}
