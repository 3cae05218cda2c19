import { gateTimeoutView } from './gate-timeout-view.mapper';
import { gateView } from './gate-view.mapper';
import { ApprovalRow, GateTimerRow } from './project-detail.rows';

const APPROVAL_ID = '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f';

const aTimer = (overrides: Partial<GateTimerRow> = {}): GateTimerRow =>
  GateTimerRow.parse({
    approval_id: APPROVAL_ID,
    action: 'remind',
    after_seconds: 3_600,
    max_reminders: 3,
    reminders_sent: 1,
    deadline_at: '2025-11-27T12:00:00Z',
    decided_by_timeout: false,
    ...overrides,
  });

const anApproval = ApprovalRow.parse({
  id: APPROVAL_ID,
  gate: 'prd_approval',
  attempt: 1,
  stage: 'prd',
  state: 'approved',
  reason: null,
  decision: 'approve',
  comment: 'no decision within 60 s: default action approve',
  decided_by: 'system',
  decided_at: '2025-11-27T10:01:00Z',
  opened_at: '2025-11-27T10:00:00Z',
  superseded_at: null,
  superseded_by: null,
});

describe(gateTimeoutView.name, () => {
  it('shows the default action, its deadline and the reminders sent', () => {
    expect(gateTimeoutView(aTimer())).toStrictEqual({
      action: 'remind',
      afterSeconds: 3_600,
      deadlineAt: '2025-11-27T12:00:00.000Z',
      maxReminders: 3,
      remindersSent: 1,
      decidedByTimeout: false,
    });
  });

  it('is null for a gate without a timeout', () => {
    expect(gateTimeoutView(undefined)).toBeNull();
  });

  it('puts the timeout on the gate: decided by the timeout, nothing more due', () => {
    const timer = aTimer({
      action: 'approve',
      after_seconds: 60,
      max_reminders: null,
      reminders_sent: 0,
      deadline_at: null,
      decided_by_timeout: true,
    });
    expect(gateView(anApproval, undefined, timer)).toMatchObject({
      state: 'approved',
      decidedBy: 'system',
      timeout: { action: 'approve', deadlineAt: null, decidedByTimeout: true },
    });
    expect(gateView(anApproval, undefined).timeout).toBeNull();
  });
});
