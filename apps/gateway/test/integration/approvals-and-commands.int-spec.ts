import {
  ApprovalDecidedV1,
  ProjectCancelRequestedV1,
  ProjectRestartRequestedV1,
} from '@agentbus/contracts';
import { messagesOn } from '../support/bus-commands';
import { type Gateway, outboxDrained, startGateway } from '../support/gateway-harness';
import {
  givenApproval,
  givenDecided,
  givenProject,
  givenProjectState,
} from '../support/read-model-rows';

describe('gate decisions', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  const decide = (
    projectId: string,
    gate: string,
    json: object,
    as: 'approver' | 'admin' = 'approver',
  ) => gw.call(`/v1/projects/${projectId}/approvals/${gate}`, { method: 'POST', as, json });
  const decisionsFor = async (projectId: string) =>
    (await messagesOn(gw.nc, gw.namespace, ApprovalDecidedV1.subject)).filter(
      (m) => m.envelope.data['projectId'] === projectId,
    );

  it('publishes the decision on an open gate (202); a second or replayed one gets 409 and changes nothing', async () => {
    const projectId = await givenProject(gw, { state: 'waiting_approval' });
    const approvalId = await givenApproval(gw, projectId, { gate: 'prd_approval', attempt: 1 });

    const response = await decide(projectId, 'prd_approval', {
      decision: 'approve',
      comment: 'Looks right',
    });

    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { messageId: string };
    expect(accepted).toMatchObject({
      projectId,
      approvalId,
      gate: 'prd_approval',
      attempt: 1,
      decision: 'approve',
      status: 'accepted',
    });
    await outboxDrained(gw);
    const [message, ...more] = await decisionsFor(projectId);
    expect(more).toEqual([]);
    expect(message?.msgId).toBe(accepted.messageId);
    expect(message?.envelope).toMatchObject({
      id: accepted.messageId,
      correlationId: projectId,
      data: {
        projectId,
        approvalId,
        gate: 'prd_approval',
        attempt: 1,
        decision: 'approve',
        comment: 'Looks right',
        decidedBy: 'test-approver',
      },
    });

    // Before the orchestrator applied it: the project already shows the decision, and a replay
    // or a different decision is refused.
    const view = (await (await gw.call(`/v1/projects/${projectId}`, { as: 'viewer' })).json()) as {
      gates: unknown[];
    };
    expect(view.gates).toEqual([
      expect.objectContaining({
        id: approvalId,
        open: false,
        state: 'decision_pending',
        decision: 'approve',
        decidedBy: 'test-approver',
      }),
    ]);
    for (const decision of ['approve', 'reject']) {
      const again = await decide(
        projectId,
        'prd_approval',
        { decision, comment: 'Looks right' },
        'admin',
      );
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({
        type: 'urn:agentbus:problem:gate-already-decided',
        detail: 'The prd_approval gate (attempt 1) was already decided: approve by test-approver.',
      });
    }

    // After the orchestrator closed the gate.
    await givenDecided(gw, approvalId, 'approve');
    const late = await decide(projectId, 'prd_approval', { decision: 'reject' });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({
      type: 'urn:agentbus:problem:gate-not-open',
      gate: 'prd_approval',
      attempt: 1,
    });
    await outboxDrained(gw);
    expect(await decisionsFor(projectId)).toHaveLength(1);
  });

  it('lets only one of several concurrent decisions through', async () => {
    const projectId = await givenProject(gw, { state: 'waiting_approval' });
    await givenApproval(gw, projectId, { gate: 'prd_approval' });
    const answers = await Promise.all(
      ['approve', 'reject', 'approve', 'reject'].map((decision) =>
        decide(projectId, 'prd_approval', { decision }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 409, 409, 409]);
    await outboxDrained(gw);
    expect(await decisionsFor(projectId)).toHaveLength(1);
  });

  it('sends request_changes with its comment, for the open attempt only', async () => {
    const projectId = await givenProject(gw, { state: 'waiting_approval' });
    await givenApproval(gw, projectId, {
      gate: 'prd_approval',
      attempt: 1,
      state: 'decided',
      decision: 'request_changes',
    });
    const approvalId = await givenApproval(gw, projectId, { gate: 'prd_approval', attempt: 2 });

    const stale = await decide(projectId, 'prd_approval', { decision: 'approve', attempt: 1 });
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({
      type: 'urn:agentbus:problem:gate-attempt-not-open',
      attempt: 2,
    });

    const response = await decide(projectId, 'prd_approval', {
      decision: 'request_changes',
      comment: 'Add offline mode',
      attempt: 2,
    });
    expect(response.status).toBe(202);
    await outboxDrained(gw);
    const [message] = await decisionsFor(projectId);
    expect(message?.envelope.data).toMatchObject({
      approvalId,
      attempt: 2,
      decision: 'request_changes',
      comment: 'Add offline mode',
    });
    expect(await decisionsFor(projectId)).toHaveLength(1);
  });

  it('raises a budget when approving budget_exceeded', async () => {
    const projectId = await givenProject(gw, { state: 'waiting_approval' });
    await givenApproval(gw, projectId, { gate: 'budget_exceeded' });
    const response = await decide(projectId, 'budget_exceeded', {
      decision: 'approve',
      raiseBudget: { maxTokens: 200_000 },
    });
    expect(response.status).toBe(202);
    await outboxDrained(gw);
    const [message] = await decisionsFor(projectId);
    expect(message?.envelope.data).toMatchObject({
      gate: 'budget_exceeded',
      raiseBudget: { maxTokens: 200_000 },
    });
  });

  it('refuses a gate that never opened (409), an unknown gate (404), an unknown or unstarted project', async () => {
    const projectId = await givenProject(gw, { state: 'running' });
    const never = await decide(projectId, 'delivery_approval', { decision: 'approve' });
    expect(never.status).toBe(409);
    expect(await never.json()).toMatchObject({
      type: 'urn:agentbus:problem:gate-not-open',
      detail: expect.stringContaining('The delivery_approval gate of this project is not open yet'),
    });
    const unknownGate = await decide(projectId, 'qa_approval', { decision: 'approve' });
    expect(await unknownGate.json()).toMatchObject({
      status: 404,
      type: 'urn:agentbus:problem:gate-not-found',
    });
    const unknown = await decide('0190c7e4-7b1a-7cc2-9f0e-3a4b5c6d7e8f', 'prd_approval', {
      decision: 'approve',
    });
    expect(await unknown.json()).toMatchObject({
      status: 404,
      type: 'urn:agentbus:problem:project-not-found',
    });

    const submitted = await gw.call('/v1/projects', {
      method: 'POST',
      as: 'requester',
      json: { name: 'n', requirements: 'r' },
    });
    const { id } = (await submitted.json()) as { id: string };
    const early = await decide(id, 'prd_approval', { decision: 'approve' });
    expect(early.status).toBe(409);
    expect(early.headers.get('retry-after')).toBe('1');
    expect(await early.json()).toMatchObject({ type: 'urn:agentbus:problem:project-not-started' });
    await outboxDrained(gw);
    expect(await decisionsFor(projectId)).toEqual([]);
  });
});

describe('cancel and restart', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw?.stop());

  const post = (projectId: string, command: 'cancel' | 'restart', json: object) =>
    gw.call(`/v1/projects/${projectId}/${command}`, { method: 'POST', as: 'requester', json });
  const onStream = async (subject: string, projectId: string) =>
    (await messagesOn(gw.nc, gw.namespace, subject)).filter(
      (m) => m.envelope.data['projectId'] === projectId,
    );

  it('cancels a running project (202 + command; a retry is deduped) and refuses a finished one (409)', async () => {
    const projectId = await givenProject(gw, { state: 'running' });
    const response = await post(projectId, 'cancel', { reason: 'Wrong requirements' });
    expect(response.status).toBe(202);
    const { messageId } = (await response.json()) as { messageId: string };
    const retry = await post(projectId, 'cancel', { reason: 'Wrong requirements' });
    expect(((await retry.json()) as { messageId: string }).messageId).toBe(messageId);
    await outboxDrained(gw);
    const messages = await onStream(ProjectCancelRequestedV1.subject, projectId);
    expect(messages).toHaveLength(1);
    expect(messages[0]?.envelope).toMatchObject({
      id: messageId,
      data: { projectId, reason: 'Wrong requirements', requestedBy: 'test-requester' },
    });

    await givenProjectState(gw, projectId, 'cancelled');
    const late = await post(projectId, 'cancel', {});
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({
      type: 'urn:agentbus:problem:project-terminal',
      state: 'cancelled',
    });
    await outboxDrained(gw);
    expect(await onStream(ProjectCancelRequestedV1.subject, projectId)).toHaveLength(1);
  });

  it('restarts a finished project from a stage, and refuses while it runs (409)', async () => {
    const projectId = await givenProject(gw, { state: 'running' });
    const running = await post(projectId, 'restart', { fromStage: 'architecture' });
    expect(running.status).toBe(409);
    expect(await running.json()).toMatchObject({
      type: 'urn:agentbus:problem:project-not-restartable',
      state: 'running',
    });

    await givenProjectState(gw, projectId, 'failed');
    const response = await post(projectId, 'restart', { fromStage: 'architecture' });
    expect(response.status).toBe(202);
    await outboxDrained(gw);
    const [message, ...more] = await onStream(ProjectRestartRequestedV1.subject, projectId);
    expect(more).toEqual([]);
    expect(message?.envelope.data).toEqual({
      projectId,
      fromStage: 'architecture',
      requestedBy: 'test-requester',
    });

    // After the project moved on and failed again, the same restart is a new command.
    await givenProjectState(gw, projectId, 'running');
    await givenProjectState(gw, projectId, 'failed');
    expect((await post(projectId, 'restart', { fromStage: 'architecture' })).status).toBe(202);
    await outboxDrained(gw);
    expect(await onStream(ProjectRestartRequestedV1.subject, projectId)).toHaveLength(2);
  });
});
