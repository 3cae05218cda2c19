import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * GPU jobs and their results. A row per task attempt (the request's task id) is the controller's
 * memory across restarts: `queued` until its Job is made, `pending` until a pod runs, `running`,
 * then a final state. `removed_at` records that a cancelled or timed-out Job was deleted, so a
 * crash between the decision and the delete is finished by the next pass. A result is an artifact
 * written once per (project, stage, attempt), versioned per stage like the CPU worker's.
 */
export class GpuJobs1766080000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE gpu_jobs (
        task_id uuid PRIMARY KEY,
        project_id uuid NOT NULL,
        stage text NOT NULL,
        attempt integer NOT NULL,
        job_name text NOT NULL UNIQUE,
        backend text NOT NULL,
        state text NOT NULL CHECK (state IN
          ('queued', 'pending', 'running', 'succeeded', 'failed', 'cancelled')),
        request jsonb NOT NULL,
        correlation_id uuid NOT NULL,
        causation_id uuid NOT NULL,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        launched_at timestamptz,
        running_at timestamptz,
        finished_at timestamptz,
        removed_at timestamptz
      )`);
    await runner.query(`CREATE INDEX gpu_jobs_project ON gpu_jobs (project_id)`);
    await runner.query(
      `CREATE INDEX gpu_jobs_active ON gpu_jobs (created_at)
       WHERE state IN ('queued', 'pending', 'running')`,
    );
    await runner.query(`
      CREATE TABLE gpu_artifacts (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL,
        stage text NOT NULL,
        version integer NOT NULL,
        attempt integer NOT NULL,
        format text NOT NULL,
        body text NOT NULL,
        sha256 text NOT NULL,
        size_bytes integer NOT NULL,
        job_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, stage, version),
        UNIQUE (project_id, stage, attempt)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS gpu_artifacts');
    await runner.query('DROP TABLE IF EXISTS gpu_jobs');
  }
}
