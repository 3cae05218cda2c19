import { ApprovalsV2, ProjectsV2, readerGrantStatements } from '@agentbus/contracts';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Pinned workflows and superseded approvals. `projects.workflow_version` is the DAG version a
 * project started on: every project before this migration ran the first one, and so does one that
 * an orchestrator older than this migration starts during a rolling deploy (hence the default).
 * `approvals` records which restart superseded an approval, and when. Published as `projects_v2` and `approvals_v2`
 * beside the v1 views (ADR 0005), with a partial index for the reviewers' inbox of open gates.
 */
export class PinnedWorkflows1766050000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'ALTER TABLE projects ADD COLUMN workflow_version integer NOT NULL DEFAULT 1',
    );
    await runner.query(
      'ALTER TABLE approvals ADD COLUMN superseded_at timestamptz, ADD COLUMN superseded_by uuid',
    );
    await runner.query(
      `CREATE INDEX approvals_open_inbox ON approvals (opened_at DESC, id DESC) WHERE state = 'open'`,
    );
    await runner.query(
      `CREATE VIEW ${ProjectsV2.view} AS SELECT ${ProjectsV2.columns.join(', ')} FROM projects`,
    );
    await runner.query(
      `CREATE VIEW ${ApprovalsV2.view} AS SELECT ${ApprovalsV2.columns.join(', ')} FROM approvals`,
    );
    for (const statement of readerGrantStatements([ProjectsV2, ApprovalsV2])) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW IF EXISTS ${ApprovalsV2.view}`);
    await runner.query(`DROP VIEW IF EXISTS ${ProjectsV2.view}`);
    await runner.query('DROP INDEX IF EXISTS approvals_open_inbox');
    await runner.query(
      'ALTER TABLE approvals DROP COLUMN IF EXISTS superseded_at, DROP COLUMN IF EXISTS superseded_by',
    );
    await runner.query('ALTER TABLE projects DROP COLUMN IF EXISTS workflow_version');
  }
}
