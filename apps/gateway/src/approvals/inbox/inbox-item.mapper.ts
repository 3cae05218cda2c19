import { type Role, roleSatisfies } from '../../auth/role';
import { projectLinks } from '../../projects/project-links.util';
import { type InboxRow } from './approval-inbox.repository';
import { type InboxArtifactView, type InboxItemView } from './approval-inbox.views';

/** The roles that may decide any gate (`POST /v1/projects/:id/approvals/:gate` needs approver). */
export const DECIDING_ROLES: readonly Role[] = ['approver', 'admin'];

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** A budget gate asks about money, not about an artifact; the others about their stage's output. */
function artifactsOf(row: InboxRow): InboxArtifactView[] {
  if (row.gate === 'budget_exceeded' || row.stage === null) return [];
  const href = `${projectLinks(row.project_id).artifacts}/${row.stage}`;
  return [{ stage: row.stage, version: row.artifact_version, href }];
}

/** A gate opening as the inbox shows it to a caller holding `role`. */
export function inboxItemView(row: InboxRow, role: Role): InboxItemView {
  const pending = row.state === 'open' && row.pending_decision !== null;
  const state = pending ? 'decision_pending' : row.state;
  const links = projectLinks(row.project_id);
  return {
    approvalId: row.id,
    projectId: row.project_id,
    projectName: row.project_name,
    gate: row.gate,
    attempt: row.attempt,
    stage: row.stage,
    state,
    reason: row.reason,
    openedAt: row.opened_at.toISOString(),
    supersededAt: iso(row.superseded_at),
    mayAct: [...DECIDING_ROLES],
    canAct: state === 'open' && roleSatisfies(role, 'approver'),
    decision: decisionOf(row, pending),
    artifacts: artifactsOf(row),
    links: {
      project: links.self,
      decide: `${links.self}/approvals/${row.gate}`,
      events: links.events,
    },
  };
}

function decisionOf(row: InboxRow, pending: boolean): InboxItemView['decision'] {
  if (pending && row.pending_decision !== null && row.pending_at !== null) {
    return {
      decision: row.pending_decision,
      comment: null,
      decidedBy: row.pending_by ?? 'unknown',
      decidedAt: row.pending_at.toISOString(),
      pending: true,
    };
  }
  if (row.decision === null || row.decided_by === null || row.decided_at === null) return null;
  return {
    decision: row.decision,
    comment: row.comment,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at.toISOString(),
    pending: false,
  };
}
