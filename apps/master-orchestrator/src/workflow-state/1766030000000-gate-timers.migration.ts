import { GateTimersV1, readerGrantStatements } from '@agentbus/contracts';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Gate timeouts (DESIGN §4): each gate opening keeps the timeout it opened with (`timeout`: action,
 * afterSeconds, maxReminders), when it is next due, the reminders sent, and whether the timeout
 * decided it. The scheduler finds due gates through the partial index; the gateway reads them
 * through `gate_timers_v1` (a new read model beside `approvals_v1`, which stays as it is).
 */
export class GateTimers1766030000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE approvals
        ADD COLUMN timeout jsonb,
        ADD COLUMN deadline_at timestamptz,
        ADD COLUMN reminders_sent integer NOT NULL DEFAULT 0,
        ADD COLUMN decided_by_timeout boolean NOT NULL DEFAULT false`);
    await runner.query(
      `CREATE INDEX approvals_deadline ON approvals (deadline_at) WHERE state = 'open' AND deadline_at IS NOT NULL`,
    );
    await runner.query(`
      CREATE VIEW ${GateTimersV1.view} AS
      SELECT id AS approval_id, project_id, timeout->>'action' AS action,
             (timeout->>'afterSeconds')::integer AS after_seconds,
             (timeout->>'maxReminders')::integer AS max_reminders,
             reminders_sent, deadline_at, decided_by_timeout
      FROM approvals WHERE timeout IS NOT NULL`);
    for (const statement of readerGrantStatements([GateTimersV1])) await runner.query(statement);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW IF EXISTS ${GateTimersV1.view}`);
    await runner.query('DROP INDEX IF EXISTS approvals_deadline');
    await runner.query(`
      ALTER TABLE approvals
        DROP COLUMN IF EXISTS timeout,
        DROP COLUMN IF EXISTS deadline_at,
        DROP COLUMN IF EXISTS reminders_sent,
        DROP COLUMN IF EXISTS decided_by_timeout`);
  }
}
