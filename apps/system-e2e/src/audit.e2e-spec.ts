import { startStack, type Stack, testNamespace } from '@agentbus/testing';
import { apiOf } from './support/api';

interface AuditEntry {
  kind: string;
  actor: string;
  gate?: string;
  attempt?: number;
  decision?: string;
  comment?: string | null;
  status?: string;
  reason?: string;
}

describe('the audit trail, end to end', () => {
  let stack: Stack;
  let api: ReturnType<typeof apiOf>;

  beforeAll(async () => {
    stack = await startStack(testNamespace());
    api = apiOf(stack);
  }, 120_000);

  afterAll(() => stack?.stop());

  const auditOf = async (id: string) => {
    const { status, body } = await api.call('GET', `/v1/projects/${id}/audit`);
    expect(status).toBe(200);
    return (body as { items: AuditEntry[] }).items;
  };

  it('shows the submission, a decision with its comment once the orchestrator applied it, and the cancel, with who did each', async () => {
    const id = await api.submit({}, 'Audited bikes');
    const first = await api.openGate(id, 'prd_approval');
    const { status } = await api.decide(id, 'prd_approval', {
      decision: 'request_changes',
      comment: 'add offline mode',
      attempt: first.attempt,
    });
    expect(status).toBe(202);
    // The orchestrator has applied it once the gate asks again.
    const second = await api.openGate(id, 'prd_approval');
    expect(second.attempt).toBe(first.attempt + 1);
    expect(
      (await api.call('POST', `/v1/projects/${id}/cancel`, { reason: 'test done' })).status,
    ).toBe(202);
    await api.waitFor(id, (view) => view.state === 'cancelled');

    expect(await auditOf(id)).toEqual([
      expect.objectContaining({ kind: 'submitted', actor: 'bootstrap-admin' }),
      expect.objectContaining({
        kind: 'decision',
        actor: 'bootstrap-admin',
        gate: 'prd_approval',
        attempt: first.attempt,
        decision: 'request_changes',
        comment: 'add offline mode',
        status: 'applied',
      }),
      expect.objectContaining({ kind: 'cancel', actor: 'bootstrap-admin', reason: 'test done' }),
    ]);
  });
});
