import { gateView } from './gate-view.mapper';
import { type ApprovalRow, type DecisionRow } from './project-detail.rows';

const anApproval = (overrides: Partial<ApprovalRow> = {}): ApprovalRow => ({
  id: '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f',
  gate: 'prd_approval',
  attempt: 1,
  stage: 'prd',
  state: 'open',
  reason: null,
  decision: null,
  comment: null,
  decided_by: null,
  decided_at: null,
  opened_at: new Date('2025-11-27T10:00:00Z'),
  superseded_at: null,
  superseded_by: null,
  ...overrides,
});
const aPendingDecision: DecisionRow = {
  approval_id: '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f',
  decision: 'approve',
  comment: 'ok',
  decided_by: 'alice',
  created_at: new Date('2025-11-27T10:05:00Z'),
};

describe(gateView.name, () => {
  it('shows when a restart superseded a gate opening', () => {
    const superseded = anApproval({
      state: 'superseded',
      decision: 'approve',
      superseded_at: new Date('2025-11-27T11:00:00Z'),
    });
    expect(gateView(superseded, aPendingDecision)).toMatchObject({
      open: false,
      state: 'superseded',
      decision: 'approve',
      supersededAt: '2025-11-27T11:00:00.000Z',
    });
  });

  it('shows an open gate as open', () => {
    expect(gateView(anApproval(), undefined)).toMatchObject({
      open: true,
      state: 'open',
      decision: null,
    });
  });

  it('shows a decision the orchestrator has not applied yet as pending, no longer open', () => {
    expect(gateView(anApproval(), aPendingDecision)).toMatchObject({
      open: false,
      state: 'decision_pending',
      decision: 'approve',
      comment: 'ok',
      decidedBy: 'alice',
      decidedAt: '2025-11-27T10:05:00.000Z',
    });
  });

  it("takes the orchestrator's word once it has closed the gate", () => {
    const closed = anApproval({
      state: 'decided',
      decision: 'reject',
      decided_by: 'bob',
      decided_at: new Date('2025-11-27T10:06:00Z'),
    });
    expect(gateView(closed, aPendingDecision)).toMatchObject({
      open: false,
      state: 'decided',
      decision: 'reject',
      decidedBy: 'bob',
    });
  });
});
