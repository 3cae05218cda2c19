import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each pattern's vector beside its row (float32, little-endian), written with `indexed_embedder`:
 * a search reads the siblings' vectors it has not cached from here (`@agentbus/memory` SqlVectors,
 * 2-3 ms for 50) instead of Chroma (6-9 ms). Rows indexed before this have none until re-indexed;
 * their vectors are read from Chroma.
 */
export class PatternVectors1766700000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE patterns ADD COLUMN IF NOT EXISTS vector bytea`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE patterns DROP COLUMN IF EXISTS vector`);
  }
}
