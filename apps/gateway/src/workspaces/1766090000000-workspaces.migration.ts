import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Workspaces (tenants): each API key names the workspaces it acts in (`*`: all, the operator's
 * bootstrap key), and each project the one it belongs to. Existing keys and projects belong to
 * `default`. A project's workspace is the gateway's own record, written with its submission and
 * never changed; a project without a row (submitted before workspaces) is in `default`.
 */
export class Workspaces1766090000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE api_keys
        ADD COLUMN workspaces text[] NOT NULL DEFAULT '{default}',
        ADD CONSTRAINT api_keys_workspaces CHECK (cardinality(workspaces) > 0)`);
    await runner.query(`UPDATE api_keys SET workspaces = '{*}' WHERE name = 'bootstrap-admin'`);
    await runner.query(`
      CREATE TABLE project_workspaces (
        project_id uuid PRIMARY KEY,
        workspace text NOT NULL
      )`);
    await runner.query(
      `CREATE INDEX project_workspaces_workspace ON project_workspaces (workspace)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS project_workspaces');
    await runner.query(
      'ALTER TABLE api_keys DROP CONSTRAINT api_keys_workspaces, DROP COLUMN workspaces',
    );
  }
}
