import { ProjectWorkspacesV1, readerGrantStatements } from '@agentbus/contracts';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The project's workspace (tenant) on its row, from its submission, published as
 * `project_workspaces_v1` (ADR 0005) so the gateway's isolation reads the orchestrator's record.
 * Nullable: projects submitted before it (and by gateways that send none) keep NULL, and readers
 * fall back to their own record or `default`; nothing is backfilled, nothing else changes.
 */
export class ProjectWorkspace1766525000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE projects ADD COLUMN IF NOT EXISTS workspace text');
    await runner.query(
      `CREATE VIEW ${ProjectWorkspacesV1.view} AS
       SELECT ${ProjectWorkspacesV1.columns.join(', ')} FROM projects`,
    );
    for (const statement of readerGrantStatements([ProjectWorkspacesV1])) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW IF EXISTS ${ProjectWorkspacesV1.view}`);
    await runner.query('ALTER TABLE projects DROP COLUMN IF EXISTS workspace');
  }
}
