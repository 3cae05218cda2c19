import { AuditRow } from './audit-entry.rows';
import { auditEntryView } from './audit-entry.mapper';

const anAuditRow = (fields: { kind: string; details: object }): AuditRow =>
  AuditRow.parse({
    id: '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f',
    at: '2026-12-02T08:00:00.123456Z',
    position: '2026-12-02T08:00:00.123456Z',
    actor: 'alice',
    ...fields,
  });

const common = {
  id: '0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f',
  at: '2026-12-02T08:00:00.123Z',
  actor: 'alice',
};

describe(auditEntryView.name, () => {
  it.each([
    [
      { kind: 'submitted', details: { name: 'Shop' } },
      { kind: 'submitted', name: 'Shop' },
    ],
    [
      { kind: 'cancel', details: { reason: 'Wrong' } },
      { kind: 'cancel', reason: 'Wrong' },
    ],
    [{ kind: 'cancel', details: {} }, { kind: 'cancel' }],
    [
      { kind: 'restart', details: { fromStage: 'architecture' } },
      { kind: 'restart', fromStage: 'architecture' },
    ],
    [
      {
        kind: 'superseded',
        details: {
          gate: 'prd_approval',
          attempt: 1,
          stage: 'prd',
          fromStage: 'prd',
          decision: 'approve',
        },
      },
      {
        kind: 'superseded',
        gate: 'prd_approval',
        attempt: 1,
        stage: 'prd',
        fromStage: 'prd',
        decision: 'approve',
      },
    ],
    [
      {
        kind: 'superseded',
        details: {
          gate: 'delivery_approval',
          attempt: 2,
          stage: 'pm_review',
          fromStage: null,
          decision: null,
        },
      },
      {
        kind: 'superseded',
        gate: 'delivery_approval',
        attempt: 2,
        stage: 'pm_review',
        fromStage: null,
      },
    ],
  ])('shows %j with the fields of its kind only', (row, view) => {
    expect(auditEntryView(anAuditRow(row))).toStrictEqual({ ...common, ...view });
  });

  it('shows a decision with its comment, status and the budget asked for', () => {
    const details = {
      gate: 'budget_exceeded',
      attempt: 2,
      stage: null,
      decision: 'approve',
      comment: 'One more run',
      status: 'pending',
      raiseBudget: { maxCostUsd: 5 },
    };
    expect(auditEntryView(anAuditRow({ kind: 'budget_raised', details }))).toStrictEqual({
      ...common,
      kind: 'budget_raised',
      ...details,
      raiseBudget: { maxTokens: null, maxCostUsd: 5 },
    });
  });

  it("marks a decision the gate's timeout made as automatic, and only that one", () => {
    const details = {
      gate: 'prd_approval',
      attempt: 1,
      stage: 'prd',
      decision: 'reject',
      comment: 'no decision within 60 s: default action reject',
      status: 'applied',
      raiseBudget: null,
    };
    const automatic = anAuditRow({ kind: 'decision', details: { ...details, automatic: true } });
    expect(auditEntryView(automatic)).toStrictEqual({
      ...common,
      kind: 'decision',
      ...details,
      automatic: true,
    });
    const human = anAuditRow({ kind: 'decision', details: { ...details, automatic: false } });
    expect(auditEntryView(human)).not.toHaveProperty('automatic');
  });

  it('refuses a row whose details do not fit its kind', () => {
    expect(() => anAuditRow({ kind: 'restart', details: { fromStage: 'nowhere' } })).toThrow();
    expect(() => anAuditRow({ kind: 'deleted', details: {} })).toThrow();
  });
});
