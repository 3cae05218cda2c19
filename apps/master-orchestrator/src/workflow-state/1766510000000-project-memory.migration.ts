import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A project's memory choices (`TaskMemory`: `{templateId?, excludePatternIds?}`): the template it
 * was submitted with and the patterns reviewers excluded on restarts. Every later CPU task carries
 * them. Null for projects without either.
 */
export class ProjectMemory1766510000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE projects ADD COLUMN memory jsonb');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE projects DROP COLUMN IF EXISTS memory');
  }
}
