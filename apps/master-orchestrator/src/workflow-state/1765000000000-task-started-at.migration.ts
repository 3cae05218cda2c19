import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * When a worker actually began each task attempt (`agentbus.task.v1.cpu.started`), beside when it
 * was dispatched and finished: the gap to `dispatched_at` is the time a task waited for a worker.
 * On `tasks`, not `stages`: `stages.started_at` is when the stage's run began (durations shown by
 * the gateway), and a per-attempt time on the stage row would outlive its attempt.
 */
export class TaskStartedAt1765000000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE tasks ADD COLUMN started_at timestamptz');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE tasks DROP COLUMN IF EXISTS started_at');
  }
}
