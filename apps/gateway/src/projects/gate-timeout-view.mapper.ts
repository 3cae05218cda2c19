import { type GateTimerRow } from './project-detail.rows';
import { type GateTimeoutView } from './gate-timeout.views';

/** The timeout of a gate opening as the API shows it; null for a gate without one. */
export function gateTimeoutView(row: GateTimerRow | undefined): GateTimeoutView | null {
  if (row === undefined) return null;
  return {
    action: row.action,
    afterSeconds: row.after_seconds,
    deadlineAt: row.deadline_at === null ? null : row.deadline_at.toISOString(),
    maxReminders: row.max_reminders,
    remindersSent: row.reminders_sent,
    decidedByTimeout: row.decided_by_timeout,
  };
}
