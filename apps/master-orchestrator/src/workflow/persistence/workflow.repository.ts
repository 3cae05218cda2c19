import { RetryableError } from '@agentbus/contracts';
import { type SqlStatement, type SqlTx } from '@agentbus/persistence';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { type Change, type Snapshot, type StageRow } from '../workflow.types';
import {
  APPROVAL_COLUMNS,
  columnsOf,
  PROJECT_COLUMNS,
  STAGE_COLUMNS,
  TASK_COLUMNS,
} from './workflow-columns';
import { type Raw, snapshotFrom } from './workflow-rows';

/** One row of the `events` audit log the gateway streams over SSE. */
export interface EventRow {
  readonly id: string;
  readonly projectId: string;
  readonly type: string;
  readonly data: unknown;
  readonly createdAt: Date;
}

/**
 * The workflow's tables (migration 1764200000000), in SQL: a project's snapshot loaded under its
 * row lock, the decider's changes written back, and the events appended. Every method runs in the
 * caller's transaction. Reads of a snapshot share one round trip; writes are deferred so they
 * travel with the commit (a decision costs two round trips, whatever it changes).
 */
@Injectable()
export class WorkflowRepository {
  /**
   * Locks the project row (serializing every change to one project across replicas) and loads its
   * snapshot. `skipLocked` returns `undefined` instead of waiting (the scheduler's claim).
   */
  async lock(tx: SqlTx, id: string, skipLocked = false): Promise<Snapshot | undefined> {
    const select = `SELECT * FROM projects WHERE id = $1 FOR UPDATE ${skipLocked ? 'SKIP LOCKED' : ''}`;
    // The children are read after the lock in the same round trip: the lock serializes writers,
    // and each statement of READ COMMITTED sees what committed before it started.
    const [projects = [], stages = [], tasks = [], approvals = []] = (await tx.queryAll([
      { sql: select, params: [id] },
      ...childrenOf(id),
    ])) as Raw[][];
    let [project] = projects;
    if (project !== undefined) return snapshotFrom(project, stages, tasks, approvals);
    if (skipLocked) return undefined;
    // No row to lock yet: two submissions of one id (a gateway retry) take turns on an advisory
    // lock, so the second sees the first's project instead of failing on its primary key.
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [id]);
    [project] = await tx.query<Raw[]>(select, [id]);
    if (project === undefined) return undefined;
    const [again = [], taskRows = [], approvalRows = []] = (await tx.queryAll(
      childrenOf(id),
    )) as Raw[][];
    return snapshotFrom(project, again, taskRows, approvalRows);
  }

  /** Writes a decision's changes in the order given (gates close before they reopen). */
  async apply(tx: SqlTx, projectId: string, changes: readonly Change[]): Promise<void> {
    const newStages = changes.flatMap((change) =>
      change.kind === 'insert_stage' ? [change.row] : [],
    );
    for (const change of changes) {
      if (change.kind === 'insert_stage') continue;
      await this.applyOne(tx, projectId, change);
      if (change.kind === 'insert_project') await this.insertStages(tx, projectId, newStages);
    }
  }

  /**
   * Appends events to the audit log; `id` is the envelope id the bus carries too. Each is also
   * entered in `unpublished_events` (with the envelope's `causationId`), in the same statement:
   * the row is the message the bus gets (`EVENTS_RELAY_SOURCE`).
   */
  async appendEvents(
    tx: SqlTx,
    events: readonly EventRow[],
    causationId: string | undefined,
  ): Promise<void> {
    if (events.length === 0) return;
    const rows = events.map((_, index) => {
      const at = 1 + index * 5;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}::jsonb, $${at + 5})`;
    });
    tx.defer(
      `WITH appended AS (
         INSERT INTO events (id, project_id, type, data, created_at) VALUES ${rows.join(', ')}
         RETURNING id)
       INSERT INTO unpublished_events (event_id, causation_id) SELECT id, $1::uuid FROM appended`,
      [
        causationId ?? null,
        ...events.flatMap((event) => [
          event.id,
          event.projectId,
          event.type,
          JSON.stringify(event.data),
          event.createdAt,
        ]),
      ],
    );
  }

  /** Projects with a retry, an attempt's deadline or a gate's timeout due at `now`, oldest first. */
  async dueProjects(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows = await manager.query<{ project_id: string }[]>(
      `SELECT project_id FROM (
         SELECT project_id, next_attempt_at AS due FROM stages WHERE next_attempt_at <= $1
         UNION ALL
         SELECT project_id, deadline_at FROM stages WHERE deadline_at <= $1 AND state IN ('dispatched', 'running')
         UNION ALL
         SELECT project_id, deadline_at FROM approvals WHERE deadline_at <= $1 AND state = 'open'
       ) due
       GROUP BY project_id ORDER BY min(due) LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => row.project_id);
  }

  private async applyOne(tx: SqlTx, projectId: string, change: Change): Promise<void> {
    switch (change.kind) {
      case 'insert_project':
        return this.insertProject(tx, change);
      case 'update_project':
        return this.update(tx, 'projects', columnsOf(PROJECT_COLUMNS, change.patch, 2), 'id = $1', [
          projectId,
        ]);
      case 'update_stage':
        return this.update(
          tx,
          'stages',
          columnsOf(STAGE_COLUMNS, change.patch, 3),
          'project_id = $1 AND stage = $2',
          [projectId, change.stage],
        );
      case 'insert_task':
        return this.insert(tx, 'tasks', projectId, columnsOf(TASK_COLUMNS, change.row, 2));
      case 'update_task':
        return this.update(tx, 'tasks', columnsOf(TASK_COLUMNS, change.patch, 3), byId, [
          projectId,
          change.id,
        ]);
      case 'insert_approval':
        return this.insert(tx, 'approvals', projectId, columnsOf(APPROVAL_COLUMNS, change.row, 2));
      case 'update_approval':
        return this.update(tx, 'approvals', columnsOf(APPROVAL_COLUMNS, change.patch, 3), byId, [
          projectId,
          change.id,
        ]);
      case 'insert_stage':
        return;
    }
  }

  private async insertProject(
    tx: SqlTx,
    { project, source }: Extract<Change, { kind: 'insert_project' }>,
  ): Promise<void> {
    const inserted = await tx.query<unknown[]>(
      `INSERT INTO projects (id, name, requirements, options, state, submitted_by, budget,
         version, created_at, updated_at, workflow_version, routing, memory, workspace)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb, $8, $9, $9, $10, $11::jsonb, $12::jsonb, $13)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        project.id,
        project.name,
        source.requirements,
        JSON.stringify(source.options),
        project.state,
        source.submittedBy,
        project.budget === null ? null : JSON.stringify(project.budget),
        project.version,
        project.updatedAt,
        project.workflowVersion,
        project.routing === null ? null : JSON.stringify(project.routing),
        project.memory ? JSON.stringify(project.memory) : null,
        source.workspace ?? null,
      ],
    );
    // Two submissions with different message ids raced: roll back; the redelivery finds the row.
    if (inserted.length === 0) throw new RetryableError(`project ${project.id} was just created`);
  }

  /** Every stage of a new project in one statement. */
  private async insertStages(tx: SqlTx, projectId: string, rows: StageRow[]) {
    const values: unknown[] = [projectId];
    const tuples: string[] = [];
    let names: string[] = [];
    for (const row of rows) {
      const columns = columnsOf(STAGE_COLUMNS, row, values.length + 1);
      names = columns.names;
      tuples.push(`($1, ${columns.placeholders.join(', ')})`);
      values.push(...columns.values);
    }
    if (tuples.length === 0) return;
    tx.defer(
      `INSERT INTO stages (project_id, ${names.join(', ')}) VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  private async insert(
    tx: SqlTx,
    table: string,
    projectId: string,
    { names, placeholders, values }: ReturnType<typeof columnsOf>,
  ): Promise<void> {
    tx.defer(
      `INSERT INTO ${table} (project_id, ${names.join(', ')}) VALUES ($1, ${placeholders.join(', ')})`,
      [projectId, ...values],
    );
  }

  private async update(
    tx: SqlTx,
    table: string,
    { names, placeholders, values }: ReturnType<typeof columnsOf>,
    where: string,
    keys: unknown[],
  ): Promise<void> {
    if (names.length === 0) return;
    const set = names.map((name, index) => `${name} = ${placeholders[index] ?? ''}`);
    tx.defer(`UPDATE ${table} SET ${set.join(', ')} WHERE ${where}`, [...keys, ...values]);
  }
}

const byId = 'project_id = $1 AND id = $2';

/** The reads of a project's stages, tasks and approvals, in the order the snapshot wants them. */
const childrenOf = (id: string): SqlStatement[] => [
  { sql: 'SELECT * FROM stages WHERE project_id = $1', params: [id] },
  {
    sql: 'SELECT * FROM tasks WHERE project_id = $1 ORDER BY dispatched_at, stage, attempt',
    params: [id],
  },
  {
    sql: 'SELECT * FROM approvals WHERE project_id = $1 ORDER BY opened_at, attempt',
    params: [id],
  },
];
