import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * API key lifecycle: optional expiry, last use (written at most once a minute), who created and
 * revoked a key, and rotation. A rotated key points at its successor (`replaced_by`) and keeps
 * working until `grace_until`; the successor takes its name, so a name is unique among keys that
 * are neither revoked nor replaced. The successor is inserted after its predecessor is marked, in
 * one transaction, hence the deferred foreign key.
 */
export class ApiKeyLifecycle1765300000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE api_keys
        ADD COLUMN created_by text,
        ADD COLUMN expires_at timestamptz,
        ADD COLUMN last_used_at timestamptz,
        ADD COLUMN revoked_by text,
        ADD COLUMN replaced_by uuid
          REFERENCES api_keys (id) DEFERRABLE INITIALLY DEFERRED,
        ADD COLUMN grace_until timestamptz,
        ADD CONSTRAINT api_keys_rotation CHECK ((replaced_by IS NULL) = (grace_until IS NULL))`);
    await runner.query('DROP INDEX api_keys_active_name');
    await runner.query(
      `CREATE UNIQUE INDEX api_keys_current_name ON api_keys (name)
       WHERE revoked_at IS NULL AND replaced_by IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    // Without rotation a replaced key would share its name with its successor: it ends now.
    await runner.query(
      'UPDATE api_keys SET revoked_at = now() WHERE replaced_by IS NOT NULL AND revoked_at IS NULL',
    );
    await runner.query('DROP INDEX api_keys_current_name');
    await runner.query(`
      ALTER TABLE api_keys
        DROP CONSTRAINT api_keys_rotation,
        DROP COLUMN grace_until,
        DROP COLUMN replaced_by,
        DROP COLUMN revoked_by,
        DROP COLUMN last_used_at,
        DROP COLUMN expires_at,
        DROP COLUMN created_by`);
    await runner.query(
      `CREATE UNIQUE INDEX api_keys_active_name ON api_keys (name) WHERE revoked_at IS NULL`,
    );
  }
}
