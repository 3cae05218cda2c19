import { Injectable } from '@nestjs/common';
import { PreparedStatements } from '../database/prepared-statements';
import { type ListCursor } from '../projects/list-cursor.util';
import { parseRows } from '../read-model/parse-rows.util';
import { ReadModelTables } from '../read-model/read-model.tables';
import { AuditRow } from './audit-entry.rows';

/** Approving a budget_exceeded gate is what raises a budget; every other decision is a decision. */
const kindOf = (source: string) =>
  `CASE WHEN ${source}.gate = 'budget_exceeded' AND ${source}.decision = 'approve'
   THEN 'budget_raised' ELSE 'decision' END`;

const decisionDetails = (source: string, status: string) =>
  `jsonb_build_object('gate', ${source}.gate, 'attempt', ${source}.attempt, 'stage', a.stage,
     'decision', ${source}.decision, 'comment', ${source}.comment, 'status', ${status},
     'raiseBudget', r.details - 'approvalId',
     'automatic', coalesce(t.decided_by_timeout, false))`;

/** The limits asked for when the decision on `approvalId` raised a budget. */
const raiseOf = (approvalId: string) =>
  `r.project_id = $1::uuid AND r.command = 'raise_budget' AND r.details->>'approvalId' = ${approvalId}::text`;

/**
 * A project's audit trail, oldest first, keyset-paginated on (at, id), in one statement:
 * - submitted: the orchestrator's `projects_v1` (the gateway's `submissions` while not created);
 * - decisions (`budget_raised` for an approved budget_exceeded gate): the orchestrator's
 *   `approvals_v1` once applied, else the gateway's `decisions` (pending, or not applied because
 *   the gate closed first), with the raise asked for from `project_commands`;
 * - cancel and restart: `project_commands`, the gateway's record of who sent them;
 * - superseded: an approval (or open request) a restart made obsolete (`approvals_v2`), by the
 *   restart's sender.
 * The orchestrator's `events_v1` names no sender, so it adds nothing here.
 */
@Injectable()
export class AuditRepository {
  private readonly first: string;
  private readonly next: string;

  constructor(
    private readonly prepared: PreparedStatements,
    tables: ReadModelTables,
  ) {
    const { projects, approvals, gateTimers } = tables;
    const timerOf = (approvalId: string) =>
      `LEFT JOIN ${gateTimers} t ON t.approval_id = ${approvalId}`;
    const entries = `
      SELECT p.id, 'submitted'::text AS kind, p.created_at AS at, p.submitted_by AS actor,
             jsonb_build_object('name', p.name) AS details
      FROM ${projects} p WHERE p.id = $1::uuid
      UNION ALL
      SELECT s.id, 'submitted', s.created_at, s.submitted_by, jsonb_build_object('name', s.name)
      FROM submissions s
      WHERE s.id = $1::uuid AND NOT EXISTS (SELECT 1 FROM ${projects} p WHERE p.id = $1::uuid)
      UNION ALL
      SELECT a.id, ${kindOf('a')}, a.decided_at, a.decided_by, ${decisionDetails('a', `'applied'`)}
      FROM ${approvals} a LEFT JOIN project_commands r ON ${raiseOf('a.id')} ${timerOf('a.id')}
      WHERE a.project_id = $1::uuid AND a.decided_by IS NOT NULL AND a.decided_at IS NOT NULL
      UNION ALL
      SELECT d.approval_id, ${kindOf('d')}, d.created_at, d.decided_by,
             ${decisionDetails('d', `CASE WHEN a.state = 'open' THEN 'pending' ELSE 'not_applied' END`)}
      FROM decisions d
      LEFT JOIN ${approvals} a ON a.id = d.approval_id
      LEFT JOIN project_commands r ON ${raiseOf('d.approval_id')} ${timerOf('d.approval_id')}
      WHERE d.project_id = $1::uuid AND (a.decided_by IS NULL OR a.decided_at IS NULL)
      UNION ALL
      SELECT c.message_id, c.command, c.created_at, c.requested_by, c.details
      FROM project_commands c WHERE c.project_id = $1::uuid AND c.command IN ('cancel', 'restart')
      UNION ALL
      SELECT a.id, 'superseded', a.superseded_at, coalesce(c.requested_by, 'unknown'),
             jsonb_build_object('gate', a.gate, 'attempt', a.attempt, 'stage', a.stage,
               'fromStage', c.details->>'fromStage', 'decision', a.decision)
      FROM ${approvals} a
      LEFT JOIN project_commands c ON c.message_id = a.superseded_by AND c.command = 'restart'
      WHERE a.project_id = $1::uuid AND a.superseded_at IS NOT NULL`;
    const page = (after: string) => `WITH entries AS (${entries})
      SELECT id, kind, at, actor, details,
             to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
      FROM entries ${after} ORDER BY at, id LIMIT $2`;
    this.first = page('');
    this.next = page('WHERE (at, id) > ($3::timestamptz, $4::uuid)');
  }

  /** Up to `limit` entries of the project after `after` (from the start without it). */
  async page(projectId: string, after: ListCursor | undefined, limit: number): Promise<AuditRow[]> {
    const rows =
      after === undefined
        ? await this.prepared.query(this.first, [projectId, limit])
        : await this.prepared.query(this.next, [projectId, limit, after.createdAt, after.id]);
    return parseRows(AuditRow, rows);
  }
}
