import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Who asked for what, for the commands whose sender the orchestrator does not keep: cancel and
 * restart (its state and events record only that they happened) and the limits asked for when a
 * budget is raised (it keeps only the resulting budget). One row per accepted command, written in
 * the transaction that puts the command in the outbox; never pruned (the audit reads it).
 */
export class ProjectCommands1765400000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE project_commands (
        message_id uuid PRIMARY KEY,
        project_id uuid NOT NULL,
        command text NOT NULL CHECK (command IN ('cancel', 'restart', 'raise_budget')),
        requested_by text NOT NULL,
        details jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX project_commands_project ON project_commands (project_id, created_at, message_id)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS project_commands');
  }
}
