import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The workflow's state (DESIGN §7). Attempts are never reused: `stages.attempt` only grows, so a
 * task is fenced by (project, stage, attempt). `events` is the per-project audit log the gateway
 * streams over SSE (its `seq` is the SSE event id).
 */
export class WorkflowState1764200000000 implements MigrationInterface {
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE projects (
        id uuid PRIMARY KEY,
        name text NOT NULL,
        requirements text NOT NULL,
        options jsonb NOT NULL,
        state text NOT NULL,
        failure_cause text,
        failed_stage text,
        submitted_by text NOT NULL,
        budget jsonb,
        tokens_used bigint NOT NULL DEFAULT 0,
        cost_usd numeric(14, 6) NOT NULL DEFAULT 0,
        tokens_reserved bigint NOT NULL DEFAULT 0,
        cost_reserved_usd numeric(14, 6) NOT NULL DEFAULT 0,
        routing jsonb,
        version integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await runner.query(`CREATE INDEX projects_created ON projects (created_at DESC, id DESC)`);
    await runner.query(
      `CREATE INDEX projects_state_created ON projects (state, created_at DESC, id DESC)`,
    );
    await runner.query(`
      CREATE TABLE stages (
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        stage text NOT NULL,
        state text NOT NULL,
        attempt integer NOT NULL DEFAULT 0,
        failures integer NOT NULL DEFAULT 0,
        target text,
        task_id uuid,
        next_attempt_at timestamptz,
        deadline_at timestamptz,
        started_at timestamptz,
        finished_at timestamptz,
        artifact jsonb,
        last_error jsonb,
        revision jsonb,
        PRIMARY KEY (project_id, stage)
      )`);
    await runner.query(
      `CREATE INDEX stages_retry_due ON stages (next_attempt_at) WHERE next_attempt_at IS NOT NULL`,
    );
    await runner.query(
      `CREATE INDEX stages_deadline ON stages (deadline_at) WHERE deadline_at IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE tasks (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        stage text NOT NULL,
        attempt integer NOT NULL,
        target text NOT NULL,
        state text NOT NULL,
        dispatched_at timestamptz NOT NULL DEFAULT now(),
        deadline_at timestamptz NOT NULL,
        finished_at timestamptz,
        input_tokens integer,
        output_tokens integer,
        cost_usd numeric(14, 6),
        error jsonb,
        UNIQUE (project_id, stage, attempt)
      )`);
    await runner.query(`
      CREATE TABLE approvals (
        id uuid PRIMARY KEY,
        project_id uuid NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        gate text NOT NULL,
        attempt integer NOT NULL,
        stage text,
        state text NOT NULL,
        reason text,
        decision text,
        comment text,
        decided_by text,
        decided_at timestamptz,
        opened_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (project_id, gate, attempt)
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX approvals_one_open ON approvals (project_id, gate) WHERE state = 'open'`,
    );
    await runner.query(`
      CREATE TABLE events (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        project_id uuid NOT NULL,
        type text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX events_project_seq ON events (project_id, seq)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['events', 'approvals', 'tasks', 'stages', 'projects']) {
      await runner.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
