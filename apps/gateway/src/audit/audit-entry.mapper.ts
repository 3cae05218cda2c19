import { type AuditRow } from './audit-entry.rows';
import { type AuditEntryView } from './audit.views';

/** An audit row as the API shows it: the common fields plus those of its kind. */
export function auditEntryView(row: AuditRow): AuditEntryView {
  const entry = { id: row.id, kind: row.kind, at: row.at.toISOString(), actor: row.actor };
  switch (row.kind) {
    case 'submitted':
      return { ...entry, name: row.details.name };
    case 'decision':
    case 'budget_raised': {
      const { gate, attempt, stage, decision, comment, status, raiseBudget, automatic } =
        row.details;
      const raised =
        raiseBudget === null
          ? null
          : {
              maxTokens: raiseBudget.maxTokens ?? null,
              maxCostUsd: raiseBudget.maxCostUsd ?? null,
            };
      const fields = { gate, attempt, stage, decision, comment, status, raiseBudget: raised };
      return { ...entry, ...fields, ...(automatic === true ? { automatic } : {}) };
    }
    case 'cancel': {
      const { reason } = row.details;
      return reason === undefined ? entry : { ...entry, reason };
    }
    case 'restart':
      return { ...entry, fromStage: row.details.fromStage };
    case 'superseded': {
      const { gate, attempt, stage, fromStage, decision } = row.details;
      return {
        ...entry,
        gate,
        attempt,
        stage,
        fromStage,
        ...(decision === null ? {} : { decision }),
      };
    }
  }
}
