import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `projects.routing`: the ML detector's decision on submit (target, reason, score, signals,
 * resources), which GPU dispatch reads. Null for projects submitted before routing existed.
 */
export class ProjectRouting1766100000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE projects ADD COLUMN routing jsonb');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE projects DROP COLUMN IF EXISTS routing');
  }
}
