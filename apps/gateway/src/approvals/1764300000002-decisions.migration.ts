import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Decisions the gateway accepted, one per gate opening (approval id): the first decision wins at
 * once, a second or replayed one gets 409, and a project read right after a decision shows the
 * gate as decided even before the orchestrator has applied it.
 */
export class Decisions1764300000002 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE decisions (
        approval_id uuid PRIMARY KEY,
        project_id uuid NOT NULL,
        gate text NOT NULL,
        attempt integer NOT NULL,
        decision text NOT NULL,
        comment text,
        decided_by text NOT NULL,
        message_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX decisions_project ON decisions (project_id)`);
    await runner.query(`CREATE INDEX decisions_created ON decisions (created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS decisions');
  }
}
