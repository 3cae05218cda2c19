import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * One row per deleted project: who asked, when, and which services have deleted their share
 * (`answers`: service → { rows, at }). It is the audit's record that the project existed and was
 * deleted, so it holds nothing of the project's content, and it is the one table with `project_id`
 * that keeps the project's id after the deletion (never pruned).
 */
export class ProjectDeletions1766040000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE project_deletions (
        project_id uuid PRIMARY KEY,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        message_id uuid NOT NULL,
        answers jsonb NOT NULL DEFAULT '{}'
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS project_deletions');
  }
}
