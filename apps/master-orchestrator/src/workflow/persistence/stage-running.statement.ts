import { type DataOf, type StageId, StageRunningV1 } from '@agentbus/contracts';
import { poolOf } from '@agentbus/persistence';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deterministicId } from '../decider/ids';

/** A worker's report that it began a task attempt. */
export interface TaskStarted {
  readonly taskId: string;
  readonly projectId: string;
  readonly stage: StageId;
  readonly attempt: number;
  readonly startedAt: string;
  readonly worker?: string | undefined;
}

// One statement in autocommit, no inbox, no project lock: the guard (the attempt is current and
// still `dispatched`) makes it idempotent, so a redelivery, a stale attempt or a started report
// overtaken by its result changes nothing. Rows are taken stage, then task, like a decision's
// writes, so the two never deadlock. The project's version is not bumped: `running` changes no
// decision, and commands key their idempotency on that version. The event insert fires the events
// NOTIFY, which wakes the SSE followers.
const SQL = `
  WITH running AS (
    UPDATE stages SET state = 'running'
    WHERE project_id = $1 AND stage = $2 AND attempt = $3 AND task_id = $4 AND state = 'dispatched'
    RETURNING project_id
  ), task AS (
    UPDATE tasks SET started_at = $5 FROM running WHERE tasks.id = $4
  )
  INSERT INTO events (id, project_id, type, data)
  SELECT $6, project_id, $7, $8::jsonb FROM running
  ON CONFLICT (id) DO NOTHING`;

/** Marks a dispatched stage `running` and logs `stage.running` for SSE, or does nothing. */
@Injectable()
export class StageRunningStatement {
  constructor(private readonly dataSource: DataSource) {}

  /** `true` when the stage moved to `running` (one event row was written). */
  async apply(started: TaskStarted): Promise<boolean> {
    const { taskId, projectId, stage, attempt, startedAt, worker } = started;
    // Built from a validated message, so it is not parsed again.
    const data: DataOf<typeof StageRunningV1> = {
      projectId,
      stage,
      attempt,
      taskId,
      startedAt,
      ...(worker === undefined ? {} : { worker }),
    };
    const result = await poolOf(this.dataSource).query({
      name: 'orch-stage-running',
      text: SQL,
      values: [
        projectId,
        stage,
        attempt,
        taskId,
        startedAt,
        stageRunningEventId(taskId),
        StageRunningV1.subject,
        JSON.stringify(data),
      ],
    });
    return (result.rowCount ?? 0) > 0;
  }
}

/** The `stage.running` event of a task: one per task, so a replay inserts nothing. */
export const stageRunningEventId = (taskId: string): string =>
  deterministicId(`stage-running:${taskId}`);
