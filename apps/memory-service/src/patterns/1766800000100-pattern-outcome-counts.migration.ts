import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each pattern's success and failure counts beside its row, kept by the statement that records an
 * outcome (`PatternRepository.recordOutcome`) and by project deletion. A search reads its
 * candidates' scores with every search; aggregating `pattern_outcomes` per read cost 1.25 ms of
 * Postgres per worker task in the workflow bench and grew with every project that reused a pattern.
 * `pattern_outcomes` stays the record (one row per pattern and project, latest outcome wins).
 */
export class PatternOutcomeCounts1766800000100 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE patterns
        ADD COLUMN IF NOT EXISTS successes integer NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS failures integer NOT NULL DEFAULT 0`);
    await runner.query(`
      UPDATE patterns p SET successes = o.s, failures = o.f
      FROM (
        SELECT pattern_id,
               count(*) FILTER (WHERE outcome = 'completed')::int AS s,
               count(*) FILTER (WHERE outcome = 'failed')::int AS f
        FROM pattern_outcomes GROUP BY pattern_id
      ) o
      WHERE p.id = o.pattern_id`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE patterns DROP COLUMN IF EXISTS successes, DROP COLUMN IF EXISTS failures`,
    );
  }
}
