import { ApprovalDecidedV1 } from '@agentbus/contracts';
import { messagesOn } from '../support/bus-commands';
import { type Gateway, outboxDrained, startGateway } from '../support/gateway-harness';
import { givenApproval, givenProject, givenStage } from '../support/read-model-rows';

interface InboxItem {
  approvalId: string;
  projectId: string;
  projectName: string;
  gate: string;
  attempt: number;
  state: string;
  openedAt: string;
  mayAct: string[];
  canAct: boolean;
  decision: { decision: string; decidedBy: string; pending: boolean } | null;
  artifacts: { stage: string; version: number | null; href: string }[];
  links: { project: string; decide: string };
}

interface InboxPage {
  state: string;
  items: InboxItem[];
  nextCursor: string | null;
}

/** The reviewers' inbox (`GET /v1/approvals`), 409 before a gate opens, and superseded approvals. */
describe('reviewer inbox', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  const inbox = async (query = '', as: 'viewer' | 'approver' = 'viewer'): Promise<InboxPage> => {
    const response = await gw.call(`/v1/approvals${query}`, { as });
    expect(response.status).toBe(200);
    return (await response.json()) as InboxPage;
  };
  const decide = (projectId: string, gate: string, as: 'viewer' | 'approver' = 'approver') =>
    gw.call(`/v1/projects/${projectId}/approvals/${gate}`, {
      method: 'POST',
      as,
      json: { decision: 'approve' },
    });
  const openedAt = (approvalId: string, at: string) =>
    gw.sql.query(`UPDATE "${gw.schemas.orchestrator}".approvals SET opened_at = $2 WHERE id = $1`, [
      approvalId,
      at,
    ]);
  const decisionsOn = async (projectId: string) =>
    (await messagesOn(gw.nc, gw.namespace, ApprovalDecidedV1.subject)).filter(
      (m) => m.envelope.data['projectId'] === projectId,
    );

  it('lists open gates across projects, newest first, with who may act and what to read; a viewer sees, only an approver acts', async () => {
    const shop = await givenProject(gw, { name: 'Shop', state: 'waiting_approval' });
    const blog = await givenProject(gw, { name: 'Blog', state: 'waiting_approval' });
    await givenStage(gw, shop, { stage: 'prd', state: 'succeeded', artifactVersion: 2 });
    const older = await givenApproval(gw, shop, { gate: 'prd_approval', attempt: 2 });
    const newer = await givenApproval(gw, blog, { gate: 'prd_approval' });
    await givenApproval(gw, blog, { gate: 'budget_exceeded', state: 'closed' });
    await openedAt(older, '2026-12-01T09:00:00Z');
    await openedAt(newer, '2026-12-01T10:00:00Z');

    const page = await inbox();
    expect(page.state).toBe('open');
    expect(page.items.map((item) => item.approvalId)).toEqual([newer, older]);
    expect(page.items[1]).toEqual({
      approvalId: older,
      projectId: shop,
      projectName: 'Shop',
      gate: 'prd_approval',
      attempt: 2,
      stage: 'prd',
      state: 'open',
      reason: null,
      openedAt: '2026-12-01T09:00:00.000Z',
      supersededAt: null,
      mayAct: ['approver', 'admin'],
      canAct: false,
      decision: null,
      artifacts: [{ stage: 'prd', version: 2, href: `/v1/projects/${shop}/artifacts/prd` }],
      links: {
        project: `/v1/projects/${shop}`,
        decide: `/v1/projects/${shop}/approvals/prd_approval`,
        events: `/v1/projects/${shop}/events`,
      },
    });
    expect((await inbox('', 'approver')).items.map((item) => item.canAct)).toEqual([true, true]);

    const refused = await decide(shop, 'prd_approval', 'viewer');
    expect(refused.status).toBe(403);
    expect((await decide(shop, 'prd_approval')).status).toBe(202);

    // Accepted, not applied yet: no longer waiting, listed among the decided.
    expect((await inbox()).items.map((item) => item.approvalId)).toEqual([newer]);
    const decided = await inbox('?state=decided');
    expect(decided.items).toEqual([
      expect.objectContaining({
        approvalId: older,
        state: 'decision_pending',
        canAct: false,
        decision: expect.objectContaining({
          decision: 'approve',
          decidedBy: 'test-approver',
          pending: true,
        }),
      }),
    ]);
  });

  it('pages with a cursor and refuses bad queries with 400', async () => {
    for (const name of ['Paged 1', 'Paged 2']) {
      const projectId = await givenProject(gw, { name, state: 'waiting_approval' });
      await givenApproval(gw, projectId, { gate: 'prd_approval' });
    }
    const all = (await inbox()).items.map((item) => item.approvalId);
    expect(all.length).toBeGreaterThanOrEqual(3);
    const paged: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await inbox(`?limit=1${cursor === '' ? '' : `&cursor=${cursor}`}`);
      expect(page.items.length).toBeLessThanOrEqual(1);
      paged.push(...page.items.map((item) => item.approvalId));
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(all);

    for (const query of ['?state=closed', '?limit=0x10', '?limit=101', '?cursor=nope', '?gate=x']) {
      const response = await gw.call(`/v1/approvals${query}`, { as: 'viewer' });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('refuses a decision before its gate opens with 409 saying so and what to do, recording and sending nothing', async () => {
    const projectId = await givenProject(gw, { state: 'running' });
    const early = await decide(projectId, 'prd_approval');
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect(await early.json()).toMatchObject({
      type: 'urn:agentbus:problem:gate-not-open',
      gate: 'prd_approval',
      detail: expect.stringMatching(
        /prd_approval gate of this project is not open yet.*Nothing was recorded: decide once it is open \(GET \/v1\/approvals\?state=open/,
      ),
    });
    const { rows } = await gw.sql.query(
      `SELECT 1 FROM "${gw.schemas.gateway}".decisions WHERE project_id = $1`,
      [projectId],
    );
    expect(rows).toEqual([]);
    await outboxDrained(gw);
    expect(await decisionsOn(projectId)).toEqual([]);
  });

  it('lists approvals a restart superseded, refuses to decide them, and the audit says who superseded them', async () => {
    const projectId = await givenProject(gw, { name: 'Rewind', state: 'waiting_approval' });
    const approved = await givenApproval(gw, projectId, {
      gate: 'prd_approval',
      state: 'approved',
      decision: 'approve',
      decidedBy: 'test-approver',
    });
    await gw.sql.query(
      `UPDATE "${gw.schemas.orchestrator}".approvals SET decided_at = clock_timestamp() WHERE id = $1`,
      [approved],
    );
    const restart = await gw.call(`/v1/projects/${projectId}/restart`, {
      method: 'POST',
      as: 'requester',
      json: { fromStage: 'prd' },
    });
    expect(restart.status).toBe(202);
    const { messageId } = (await restart.json()) as { messageId: string };
    // What the orchestrator does when it applies the restart.
    await gw.sql.query(
      `UPDATE "${gw.schemas.orchestrator}".approvals
       SET state = 'superseded', superseded_at = now(), superseded_by = $2 WHERE id = $1`,
      [approved, messageId],
    );

    const superseded = await inbox('?state=superseded');
    expect(superseded.items).toEqual([
      expect.objectContaining({
        approvalId: approved,
        projectName: 'Rewind',
        state: 'superseded',
        canAct: false,
        supersededAt: expect.any(String),
        decision: expect.objectContaining({ decision: 'approve', decidedBy: 'test-approver' }),
      }),
    ]);
    expect((await inbox('?state=decided')).items.map((item) => item.approvalId)).not.toContain(
      approved,
    );
    const late = await decide(projectId, 'prd_approval');
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({
      type: 'urn:agentbus:problem:gate-not-open',
      detail: expect.stringContaining('was superseded by a restart and is not open yet'),
    });

    const audit = await gw.call(`/v1/projects/${projectId}/audit`, { as: 'viewer' });
    const { items } = (await audit.json()) as { items: { kind: string }[] };
    expect(items.map((item) => item.kind)).toEqual([
      'submitted',
      'decision',
      'restart',
      'superseded',
    ]);
    expect(items[3]).toEqual({
      id: approved,
      kind: 'superseded',
      at: expect.any(String),
      actor: 'test-requester',
      gate: 'prd_approval',
      attempt: 1,
      stage: 'prd',
      fromStage: 'prd',
      decision: 'approve',
    });
  });
});
