import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The cost forecast each project was submitted with (issue 14), and its reconciliation: when the
 * project ended, what it spent in all (`actual_cost_usd`) and the state it ended in. The gateway
 * owns it because the forecast is made where the submission arrives, from the views it reads.
 */
export class ProjectForecasts1766600000002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE project_forecasts (
        project_id uuid PRIMARY KEY,
        requirements_chars integer NOT NULL,
        based_on_projects integer NOT NULL,
        forecast jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        reconciled_at timestamptz,
        final_state text,
        actual_cost_usd numeric(14, 6)
      )`);
    // The reconciler's pass reads only the forecasts still open.
    await runner.query(
      `CREATE INDEX project_forecasts_open ON project_forecasts (created_at) WHERE reconciled_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS project_forecasts');
  }
}
