import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each artifact's compact digest (issue 14), made once when it is written: later stages read it
 * instead of the body for inputs they do not need whole. Null on older artifacts, whose digest is
 * then made from the body when read.
 */
export class ArtifactDigests1766535000001 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE artifacts ADD COLUMN digest text');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE artifacts DROP COLUMN IF EXISTS digest');
  }
}
