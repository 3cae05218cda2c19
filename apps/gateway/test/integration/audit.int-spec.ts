import { ProjectCancelRequestedV1 } from '@agentbus/contracts';
import { messagesOn } from '../support/bus-commands';
import { type Gateway, outboxDrained, startGateway } from '../support/gateway-harness';
import { givenApproval, givenProject, givenProjectState } from '../support/read-model-rows';

interface AuditPage {
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

describe('GET /v1/projects/:id/audit', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  const audit = async (projectId: string, query = ''): Promise<AuditPage> => {
    const response = await gw.call(`/v1/projects/${projectId}/audit${query}`, { as: 'viewer' });
    expect(response.status).toBe(200);
    return (await response.json()) as AuditPage;
  };
  const post = async (
    path: string,
    as: 'requester' | 'approver' | 'admin',
    json: object,
  ): Promise<void> => {
    const response = await gw.call(path, { method: 'POST', as, json });
    expect(response.status).toBe(202);
  };
  /** What the orchestrator writes when it applies a decision (the gateway never writes this). */
  const applyDecision = (approvalId: string, state: string, by: string) =>
    gw.sql.query(
      `UPDATE "${gw.schemas.orchestrator}".approvals a
       SET state = $2, decision = d.decision, comment = d.comment, decided_by = $3,
           decided_at = clock_timestamp()
       FROM "${gw.schemas.gateway}".decisions d WHERE a.id = $1 AND d.approval_id = a.id`,
      [approvalId, state, by],
    );
  const closeGate = (approvalId: string) =>
    gw.sql.query(
      `UPDATE "${gw.schemas.orchestrator}".approvals SET state = 'closed' WHERE id = $1`,
      [approvalId],
    );

  it('lists submit, decisions with comments, a budget raise, cancel and restart, each with its actor, oldest first', async () => {
    const projectId = await givenProject(gw, {
      name: 'Shop',
      state: 'waiting_approval',
      createdAt: '2026-01-05T10:00:00Z',
    });
    const base = `/v1/projects/${projectId}`;

    const prd = await givenApproval(gw, projectId, { gate: 'prd_approval' });
    await post(`${base}/approvals/prd_approval`, 'approver', {
      decision: 'request_changes',
      comment: 'Add offline mode',
    });
    // Accepted, not applied yet: listed from the gateway's own decision.
    expect((await audit(projectId)).items.at(-1)).toMatchObject({
      id: prd,
      kind: 'decision',
      actor: 'test-approver',
      gate: 'prd_approval',
      decision: 'request_changes',
      comment: 'Add offline mode',
      status: 'pending',
    });
    await applyDecision(prd, 'changes_requested', 'test-approver');

    const budget = await givenApproval(gw, projectId, { gate: 'budget_exceeded' });
    await post(`${base}/approvals/budget_exceeded`, 'admin', {
      decision: 'approve',
      comment: 'One more try',
      raiseBudget: { maxCostUsd: 5 },
    });
    await applyDecision(budget, 'approved', 'bootstrap-admin');

    // A decision the orchestrator never applied: the gate closed first (the cancel below).
    const delivery = await givenApproval(gw, projectId, { gate: 'delivery_approval' });
    await post(`${base}/approvals/delivery_approval`, 'approver', {
      decision: 'reject',
      comment: 'Not like this',
    });
    await post(`${base}/cancel`, 'requester', { reason: 'Wrong requirements' });
    await post(`${base}/cancel`, 'requester', { reason: 'Wrong requirements' }); // a retry
    await closeGate(delivery);
    await givenProjectState(gw, projectId, 'cancelled');
    await post(`${base}/restart`, 'admin', { fromStage: 'architecture' });

    const { items, nextCursor } = await audit(projectId);
    expect(nextCursor).toBeNull();
    expect(items).toEqual([
      expect.objectContaining({ id: projectId, kind: 'submitted', actor: 'test-requester' }),
      expect.objectContaining({ id: prd, kind: 'decision', status: 'applied' }),
      expect.objectContaining({ id: budget, kind: 'budget_raised' }),
      expect.objectContaining({ id: delivery, kind: 'decision' }),
      expect.objectContaining({ kind: 'cancel' }),
      expect.objectContaining({ kind: 'restart' }),
    ]);
    const [submitted, changes, raise, rejected, cancel, restart] = items;
    expect(submitted).toEqual({
      id: projectId,
      kind: 'submitted',
      at: '2026-01-05T10:00:00.000Z',
      actor: 'test-requester',
      name: 'Shop',
    });
    expect(changes).toMatchObject({
      actor: 'test-approver',
      gate: 'prd_approval',
      attempt: 1,
      stage: 'prd',
      decision: 'request_changes',
      comment: 'Add offline mode',
      raiseBudget: null,
    });
    expect(raise).toMatchObject({
      actor: 'bootstrap-admin',
      gate: 'budget_exceeded',
      decision: 'approve',
      comment: 'One more try',
      status: 'applied',
      raiseBudget: { maxTokens: null, maxCostUsd: 5 },
    });
    expect(rejected).toMatchObject({
      actor: 'test-approver',
      gate: 'delivery_approval',
      decision: 'reject',
      comment: 'Not like this',
      status: 'not_applied',
    });
    await outboxDrained(gw);
    const cancels = (
      await messagesOn(gw.nc, gw.namespace, ProjectCancelRequestedV1.subject)
    ).filter((m) => m.envelope.data['projectId'] === projectId);
    expect(cancels).toHaveLength(1);
    const [cancelled] = cancels;
    expect(cancel).toEqual({
      id: cancelled?.envelope.id,
      kind: 'cancel',
      at: expect.any(String),
      actor: 'test-requester',
      reason: 'Wrong requirements',
    });
    expect(restart).toEqual({
      id: expect.any(String),
      kind: 'restart',
      at: expect.any(String),
      actor: 'bootstrap-admin',
      fromStage: 'architecture',
    });
    const times = items.map((item) => Date.parse(String(item['at'])));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('pages with a cursor through every entry exactly once', async () => {
    const projectId = await givenProject(gw, { state: 'waiting_approval' });
    for (const gate of ['prd_approval', 'delivery_approval', 'budget_exceeded']) {
      await givenApproval(gw, projectId, { gate });
      await post(`/v1/projects/${projectId}/approvals/${gate}`, 'approver', {
        decision: 'approve',
        comment: `ok ${gate}`,
      });
    }
    await post(`/v1/projects/${projectId}/cancel`, 'requester', {});
    const all = (await audit(projectId)).items;
    expect(all).toHaveLength(5);

    const paged: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = `?limit=2${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = await audit(projectId, query);
      paged.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    expect(pages).toBe(3);
    expect(paged).toEqual(all);
  });

  it('shows a queued submission, 404s an unknown project, 400s a bad query, needs a key', async () => {
    const response = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: { name: 'Queued one', requirements: 'r' },
    });
    const { id } = (await response.json()) as { id: string };
    expect((await audit(id)).items).toEqual([
      expect.objectContaining({
        id,
        kind: 'submitted',
        actor: 'test-requester',
        name: 'Queued one',
      }),
    ]);

    const unknown = await gw.call('/v1/projects/0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f/audit', {
      as: 'viewer',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      type: 'urn:agentbus:problem:project-not-found',
    });

    for (const query of ['?limit=0', '?limit=0x10', '?limit=201', '?cursor=nope', '?order=desc']) {
      const bad = await gw.call(`/v1/projects/${id}/audit${query}`, { as: 'viewer' });
      expect([query, bad.status]).toEqual([query, 400]);
    }
    expect((await gw.call(`/v1/projects/${id}/audit`, { as: null })).status).toBe(401);
  });
});
