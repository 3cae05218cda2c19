import { Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

// Active projects by the stages they have in flight (dispatched, or waiting for a retry). Driven
// from the projects' state index, so it reads only active projects' stage rows.
const BY_STAGE = `
  SELECT s.stage, count(*)::int AS projects
  FROM projects p JOIN stages s ON s.project_id = p.id
  WHERE p.state IN ('running', 'waiting_approval')
    AND (s.state IN ('dispatched', 'running') OR s.next_attempt_at IS NOT NULL)
  GROUP BY s.stage`;

// Tasks out with a worker or the GPU controller, by target and stage state (`dispatched`: not yet
// reported started; `running`: started), with the age of the oldest since its dispatch.
const IN_FLIGHT = `
  SELECT coalesce(s.target, 'unknown') AS target, s.state, count(*)::int AS tasks,
    coalesce(extract(epoch FROM now() - min(t.dispatched_at)), 0)::float8 AS oldest_seconds
  FROM projects p
    JOIN stages s ON s.project_id = p.id
    LEFT JOIN tasks t ON t.id = s.task_id
  WHERE p.state IN ('running', 'waiting_approval') AND s.state IN ('dispatched', 'running')
  GROUP BY 1, 2`;

// Projects nothing will move. `idle`: running, yet no stage is in flight or waiting for a retry
// (advance() always leaves one of them, or opens a gate, or ends the project). `overdue`: active
// with a retry or an attempt deadline past due by more than $1 seconds, which the scheduler
// handles within a tick or two; so it has stopped, or keeps failing on these projects.
const STUCK = `
  SELECT
    (SELECT count(*)::int FROM projects p
      WHERE p.state = 'running' AND NOT EXISTS (
        SELECT 1 FROM stages s WHERE s.project_id = p.id
          AND (s.state IN ('dispatched', 'running') OR s.next_attempt_at IS NOT NULL))) AS idle,
    (SELECT count(DISTINCT s.project_id)::int FROM stages s JOIN projects p ON p.id = s.project_id
      WHERE p.state IN ('running', 'waiting_approval')
        AND (s.next_attempt_at < now() - make_interval(secs => $1)
          OR (s.deadline_at < now() - make_interval(secs => $1)
            AND s.state IN ('dispatched', 'running')))) AS overdue`;

/** How late a due timer may be before its project counts as stuck (the scheduler ticks ≤ 1 s). */
export const OVERDUE_GRACE_SECONDS = 60;

// How long one read of the in-flight rows serves the gauges that share it.
const SHARED_READ_MS = 1_000;

const TARGETS = ['cpu', 'gpu'] as const;
const IN_FLIGHT_STATES = ['dispatched', 'running'] as const;

interface InFlightRow {
  target: string;
  state: string;
  tasks: number;
  oldest_seconds: number;
}

/** Gauges computed at scrape time from the workflow's tables (DESIGN §13). */
@Injectable()
export class WorkflowGauges {
  constructor(
    registry: Registry,
    private readonly dataSource: DataSource,
  ) {
    const query = <T>(sql: string, params?: unknown[]) => this.query<T>(sql, params);
    new Gauge({
      name: 'agent_bus_projects_by_stage',
      help: 'Running projects by the stage they have in flight.',
      labelNames: ['stage'],
      registers: [registry],
      async collect() {
        const rows = await query<{ stage: string; projects: number }>(BY_STAGE);
        if (rows === undefined) return;
        this.reset();
        for (const row of rows) this.set({ stage: row.stage }, row.projects);
      },
    });
    // One read feeds both in-flight gauges of a scrape (they are collected together).
    let inFlight: { at: number; rows: Promise<InFlightRow[] | undefined> } | undefined;
    const inFlightRows = () => {
      if (inFlight === undefined || Date.now() - inFlight.at > SHARED_READ_MS) {
        inFlight = { at: Date.now(), rows: query<InFlightRow>(IN_FLIGHT) };
      }
      return inFlight.rows;
    };
    new Gauge({
      name: 'agent_bus_tasks_in_flight',
      help: 'Tasks out with a worker or the GPU controller, by target and state (dispatched, running).',
      labelNames: ['target', 'state'],
      registers: [registry],
      async collect() {
        const rows = await inFlightRows();
        if (rows === undefined) return;
        resetInFlight(this);
        for (const row of rows) this.set({ target: row.target, state: row.state }, row.tasks);
      },
    });
    new Gauge({
      name: 'agent_bus_task_oldest_in_flight_seconds',
      help: 'Age since dispatch of the oldest task in flight, by target and state (0 when none).',
      labelNames: ['target', 'state'],
      registers: [registry],
      async collect() {
        const rows = await inFlightRows();
        if (rows === undefined) return;
        resetInFlight(this);
        for (const row of rows) {
          this.set({ target: row.target, state: row.state }, row.oldest_seconds);
        }
      },
    });
    new Gauge({
      name: 'agent_bus_projects_stuck',
      help: `Active projects nothing will move: idle (running, nothing in flight or scheduled) or overdue (a timer more than ${OVERDUE_GRACE_SECONDS} s past due).`,
      labelNames: ['reason'],
      registers: [registry],
      async collect() {
        const [row] = (await query<{ idle: number; overdue: number }>(STUCK, [
          OVERDUE_GRACE_SECONDS,
        ])) ?? [undefined];
        if (row === undefined) return;
        this.set({ reason: 'idle' }, row.idle);
        this.set({ reason: 'overdue' }, row.overdue);
      },
    });
  }

  // A scrape during a database outage keeps the last values rather than failing /metrics.
  private async query<T>(sql: string, params?: unknown[]): Promise<T[] | undefined> {
    if (!this.dataSource.isInitialized) return undefined;
    return this.dataSource.query<T[]>(sql, params).catch(() => undefined);
  }
}

/** Zero for every target and state, so each series exists (and graphs show 0) when none is out. */
function resetInFlight(gauge: Gauge<'target' | 'state'>): void {
  gauge.reset();
  for (const target of TARGETS) {
    for (const state of IN_FLIGHT_STATES) gauge.set({ target, state }, 0);
  }
}
