import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Idempotency-Keys belong to a principal, which is an API key or an SSO subject (whose id is
 * derived from issuer and subject and has no `api_keys` row): the foreign key to `api_keys` goes.
 * API keys are revoked rather than deleted, and retention prunes the records by age.
 */
export class IdempotencyKeysAnyPrincipal1765500000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE idempotency_keys DROP CONSTRAINT IF EXISTS idempotency_keys_api_key_id_fkey',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      'DELETE FROM idempotency_keys i WHERE NOT EXISTS (SELECT 1 FROM api_keys k WHERE k.id = i.api_key_id)',
    );
    await runner.query(`
      ALTER TABLE idempotency_keys ADD CONSTRAINT idempotency_keys_api_key_id_fkey
        FOREIGN KEY (api_key_id) REFERENCES api_keys (id) ON DELETE CASCADE`);
  }
}
