import { ApprovalsV2, DbTimestamp, ProjectsV2 } from '@agentbus/contracts';
import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { PreparedStatements } from '../../database/prepared-statements';
import { type ListCursor } from '../../projects/list-cursor.util';
import { parseRows } from '../../read-model/parse-rows.util';
import { ReadModelTables } from '../../read-model/read-model.tables';
import { DEFAULT_WORKSPACE } from '../../workspaces/workspace';
import { type InboxState } from './approval-inbox.query';

/** One gate opening with its project, the gated stage's artifact and any decision not applied yet. */
export const InboxRow = ApprovalsV2.row.omit({ superseded_by: true }).extend({
  project_name: ProjectsV2.row.shape.name,
  /** The gated stage's artifact version (the one to read), null without one. */
  artifact_version: z.number().int().nullable(),
  /** A decision the gateway accepted that the orchestrator has not applied yet. */
  pending_decision: z.string().nullable(),
  pending_by: z.string().nullable(),
  pending_at: DbTimestamp.nullable(),
  /** `opened_at` to the microsecond, for the next cursor. */
  position: z.string(),
});
export type InboxRow = z.infer<typeof InboxRow>;

/** Which rows each inbox state lists (`d` is the gateway's accepted, unapplied decision). */
const WHERE: Record<InboxState, string> = {
  open: `a.state = 'open' AND d.approval_id IS NULL`,
  decided: `(a.state IN ('approved', 'rejected', 'changes_requested')
             OR (a.state = 'open' AND d.approval_id IS NOT NULL))`,
  superseded: `a.state = 'superseded'`,
};

export interface InboxFilter {
  readonly state: InboxState;
  readonly after: ListCursor | undefined;
  readonly limit: number;
  /** Only gates of projects in these workspaces; `null`: every project (an operator). */
  readonly workspaces: readonly string[] | null;
}

/**
 * Gate openings across projects, newest opened first, keyset-paginated on (opened_at, id): the
 * orchestrator's `approvals_v2` with the project name, the gated stage's artifact version, and the
 * gateway's own `decisions` (a decision accepted but not applied yet is no longer open).
 * One statement text per state and cursor, each planned for its conditions.
 */
@Injectable()
export class ApprovalInboxRepository {
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly prepared: PreparedStatements,
    private readonly tables: ReadModelTables,
  ) {}

  async page({ state, after, limit, workspaces }: InboxFilter): Promise<InboxRow[]> {
    const values: unknown[] = [limit, workspaces];
    if (after !== undefined) values.push(after.createdAt, after.id);
    return parseRows(InboxRow, await this.prepared.query(this.textOf(state, after), values));
  }

  private textOf(state: InboxState, after: ListCursor | undefined): string {
    const key = `${state}:${after === undefined ? 'first' : 'next'}`;
    let text = this.texts.get(key);
    if (text === undefined) {
      const { approvals, projects, projectWorkspaces, stages } = this.tables;
      const next =
        after === undefined ? '' : 'AND (a.opened_at, a.id) < ($3::timestamptz, $4::uuid)';
      text = `SELECT a.id, a.project_id, p.name AS project_name, a.gate, a.attempt, a.stage,
                a.state, a.reason, a.decision, a.comment, a.decided_by, a.decided_at, a.opened_at,
                a.superseded_at, (s.artifact->>'version')::int AS artifact_version,
                d.decision AS pending_decision, d.decided_by AS pending_by,
                d.created_at AS pending_at,
                to_char(a.opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
         FROM ${approvals} a
         JOIN ${projects} p ON p.id = a.project_id
         LEFT JOIN ${stages} s ON s.project_id = a.project_id AND s.stage = a.stage
         LEFT JOIN decisions d ON d.approval_id = a.id
         LEFT JOIN ${projectWorkspaces} o ON o.id = a.project_id
         LEFT JOIN project_workspaces w ON w.project_id = a.project_id
         WHERE ${WHERE[state]} ${next}
           AND ($2::text[] IS NULL
                OR COALESCE(o.workspace, w.workspace, '${DEFAULT_WORKSPACE}') = ANY($2::text[]))
         ORDER BY a.opened_at DESC, a.id DESC
         LIMIT $1`;
      this.texts.set(key, text);
    }
    return text;
  }
}
