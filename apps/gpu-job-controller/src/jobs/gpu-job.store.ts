import { createHash, randomUUID } from 'node:crypto';
import { type ArtifactRef, GpuJobRequestedV1 } from '@agentbus/contracts';
import { type SqlTx } from '@agentbus/persistence';
import { type EntityManager } from 'typeorm';
import { z } from 'zod';

export const ACTIVE_STATES = ['queued', 'pending', 'running'] as const;
export type ActiveState = (typeof ACTIVE_STATES)[number];
export type JobState = ActiveState | 'succeeded' | 'failed' | 'cancelled';

const Timestamp = z.coerce.date().nullable();

/** One row of `gpu_jobs`, parsed. */
export const GpuJobRow = z.object({
  task_id: z.string(),
  project_id: z.string(),
  stage: z.string(),
  attempt: z.number().int(),
  job_name: z.string(),
  backend: z.enum(['kubernetes', 'local']),
  state: z.enum(['queued', 'pending', 'running', 'succeeded', 'failed', 'cancelled']),
  request: GpuJobRequestedV1.data,
  correlation_id: z.string(),
  causation_id: z.string(),
  created_at: z.coerce.date(),
  launched_at: Timestamp,
  running_at: Timestamp,
});
export type GpuJobRow = z.infer<typeof GpuJobRow>;

const COLUMNS = `task_id, project_id, stage, attempt, job_name, backend, state, request,
  correlation_id, causation_id, created_at, launched_at, running_at`;

type Tx = EntityManager | SqlTx;

/** The controller's rows: every statement guards on the state it expects (two passes may race). */
export class GpuJobStore {
  constructor(private readonly tx: Tx) {}

  /** Records a requested job once per task (a redelivered request changes nothing). */
  async insert(row: {
    request: GpuJobRequestedV1['data'];
    jobName: string;
    backend: 'kubernetes' | 'local';
    correlationId: string;
    causationId: string;
  }): Promise<boolean> {
    const { request } = row;
    const inserted: unknown[] = await this.tx.query(
      `INSERT INTO gpu_jobs (task_id, project_id, stage, attempt, job_name, backend, state, request,
         correlation_id, causation_id)
       VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $8, $9)
       ON CONFLICT (task_id) DO NOTHING RETURNING task_id`,
      [
        request.taskId,
        request.projectId,
        request.stage,
        request.attempt,
        row.jobName,
        row.backend,
        JSON.stringify(request),
        row.correlationId,
        row.causationId,
      ],
    );
    return inserted.length > 0;
  }

  /** Jobs not finished yet, oldest first. */
  async active(): Promise<GpuJobRow[]> {
    const rows: unknown[] = await this.tx.query(
      `SELECT ${COLUMNS} FROM gpu_jobs WHERE state IN ('queued', 'pending', 'running')
       ORDER BY created_at`,
    );
    return rows.map((row) => GpuJobRow.parse(row));
  }

  async byJobName(name: string): Promise<GpuJobRow | undefined> {
    const rows: unknown[] = await this.tx.query(
      `SELECT ${COLUMNS} FROM gpu_jobs WHERE job_name = $1`,
      [name],
    );
    return rows[0] === undefined ? undefined : GpuJobRow.parse(rows[0]);
  }

  /** Moves a job from `from` to `to`; false when another pass moved it first. */
  async transition(
    taskId: string,
    from: readonly JobState[],
    to: JobState,
    reason: string | null = null,
  ): Promise<boolean> {
    const stamp =
      to === 'pending'
        ? ', launched_at = now()'
        : to === 'running'
          ? ', running_at = now()'
          : ', finished_at = now()';
    const rows: unknown[] = await this.tx.query(
      `UPDATE gpu_jobs SET state = $3, reason = COALESCE($4, reason)${stamp}
       WHERE task_id = $1 AND state = ANY($2::text[]) RETURNING task_id`,
      [taskId, from, to, reason],
    );
    return rows.length > 0;
  }

  /** Cancels a project's (or one task's) unfinished jobs; returns their names. */
  async cancel(projectId: string, taskId: string | undefined): Promise<string[]> {
    const rows: { job_name: string }[] = await this.tx.query(
      `UPDATE gpu_jobs SET state = 'cancelled', reason = 'cancelled', finished_at = now()
       WHERE project_id = $1 AND ($2::uuid IS NULL OR task_id = $2)
         AND state IN ('queued', 'pending', 'running')
       RETURNING job_name`,
      [projectId, taskId ?? null],
    );
    return rows.map((row) => row.job_name);
  }

  /**
   * Finished jobs whose Job must still be deleted (cancelled, timed out pending). A row cancelled
   * while still `queued` is included: its Job may have been created just before the cancel.
   */
  async toRemove(): Promise<string[]> {
    const rows: { job_name: string }[] = await this.tx.query(
      `SELECT job_name FROM gpu_jobs WHERE removed_at IS NULL
         AND (state = 'cancelled' OR reason LIKE 'pending_timeout%')`,
    );
    return rows.map((row) => row.job_name);
  }

  async markRemoved(jobName: string): Promise<void> {
    await this.tx.query(`UPDATE gpu_jobs SET removed_at = now() WHERE job_name = $1`, [jobName]);
  }

  /** Jobs by state, for the gauges. */
  async countByState(): Promise<Map<JobState, number>> {
    const rows: { state: JobState; count: number }[] = await this.tx.query(
      `SELECT state, count(*)::int AS count FROM gpu_jobs GROUP BY state`,
    );
    return new Map(rows.map((row) => [row.state, row.count]));
  }

  /** Stores a job's result once per attempt (the stage's next version) and returns its reference. */
  async writeArtifact(row: GpuJobRow, body: string): Promise<ArtifactRef> {
    const sha256 = createHash('sha256').update(body).digest('hex');
    const rows: { id: string; version: number; sha256: string }[] = await this.tx.query(
      `WITH existing AS (
         SELECT id, version, sha256 FROM gpu_artifacts
         WHERE project_id = $2 AND stage = $3 AND attempt = $4
       ), inserted AS (
         INSERT INTO gpu_artifacts (id, project_id, stage, version, attempt, format, body, sha256,
           size_bytes, job_name)
         SELECT $1, $2, $3, COALESCE(MAX(version), 0) + 1, $4, 'json', $5, $6, $7, $8
         FROM gpu_artifacts WHERE project_id = $2 AND stage = $3
         HAVING NOT EXISTS (SELECT 1 FROM existing)
         RETURNING id, version, sha256
       )
       SELECT * FROM existing UNION ALL SELECT * FROM inserted`,
      [
        randomUUID(),
        row.project_id,
        row.stage,
        row.attempt,
        body,
        sha256,
        Buffer.byteLength(body),
        row.job_name,
      ],
    );
    const stored = rows[0];
    if (!stored) throw new Error('artifact insert returned nothing');
    return { id: stored.id, version: stored.version, sha256: stored.sha256, format: 'json' };
  }
}
