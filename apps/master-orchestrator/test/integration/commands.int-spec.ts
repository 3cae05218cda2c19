import { eventually } from '@agentbus/testing';
import { useOrchestratorStack } from '../support/orchestrator-stack';

const NO_GATES = { prd_approval: false, delivery_approval: false };

/** Gate decisions, budgets, cancel and restart, through the real tables and the bus. */
describe('master-orchestrator commands (real NATS and Postgres)', () => {
  const stack = useOrchestratorStack({
    // Each task reserves 8 000 tokens and the fake worker spends 150.
    env: { ORCH_ESTIMATED_TOKENS_PER_TASK: '8000' },
  });

  it('re-runs the PRD as a revision on request_changes, refuses the old gate, then continues', async () => {
    const projectId = await stack.client.submit();
    const first = await stack.client.openGate(projectId);
    await stack.client.decide(projectId, first, 'request_changes', { comment: 'add offline mode' });
    const second = await stack.client.openGate(projectId, 1);
    expect(second).toMatchObject({ gate: 'prd_approval', attempt: 2 });

    const prd = stack.worker.tasksOf(projectId).filter((seen) => seen.task.stage === 'prd');
    expect(prd.map((seen) => seen.task.attempt)).toEqual([1, 2]);
    const [stage] = await stack.client.rows('stages', projectId, `AND stage = 'prd'`);
    expect(prd[1]?.task.revision).toEqual({
      comment: 'add offline mode',
      previous: expect.objectContaining({ version: 1 }),
    });
    expect(stage?.['revision']).toEqual(prd[1]?.task.revision);
    const [decided] = await stack.client.rows('approvals', projectId, 'AND attempt = 1');
    expect(decided).toMatchObject({ state: 'changes_requested', comment: 'add offline mode' });

    await stack.client.decide(projectId, first, 'approve'); // the closed attempt: recorded, ignored
    await stack.client.decide(projectId, second, 'approve');
    await stack.client.waitForState(projectId, 'completed');
    const approvals = await stack.client.rows('approvals', projectId, 'ORDER BY attempt');
    expect(approvals.map((row) => row['state'])).toEqual(['changes_requested', 'approved']);
  });

  it('pauses at budget_exceeded after dispatching what fits, and continues on a raise', async () => {
    const projectId = await stack.client.submit(NO_GATES, undefined, { maxTokens: 20_000 });
    // Six stages spend 900; two parallel reservations (16 000) fit, a third would not.
    const gate = await stack.client.openGate(projectId);
    expect(gate).toMatchObject({ gate: 'budget_exceeded', stage: 'documentation' });
    const paused = await stack.client.waitForState(projectId, 'waiting_approval');
    expect(paused['budget']).toEqual({ maxTokens: 20_000 });

    await stack.client.decide(projectId, gate, 'approve', {
      raiseBudget: { maxTokens: 1_000_000 },
    });
    const done = await stack.client.waitForState(projectId, 'completed');
    expect(done).toMatchObject({ budget: { maxTokens: 1_000_000 }, tokens_reserved: '0' });
  });

  it('cancels a project waiting at a gate and closes the gate', async () => {
    const projectId = await stack.client.submit();
    const gate = await stack.client.openGate(projectId);
    await stack.client.cancel(projectId);
    await stack.client.waitForState(projectId, 'cancelled');
    const [closed] = await stack.client.rows('approvals', projectId);
    expect(closed).toMatchObject({ id: gate['id'], state: 'closed' });
    const stages = await stack.client.rows('stages', projectId, `AND stage <> 'prd'`);
    expect(new Set(stages.map((row) => row['state']))).toEqual(new Set(['cancelled', 'skipped']));
  });

  it('restarts a completed project from architecture with new attempts, upstream kept', async () => {
    const projectId = await stack.client.submit(NO_GATES);
    await stack.client.waitForState(projectId, 'completed');
    const [plan] = await stack.client.rows('stages', projectId, `AND stage = 'plan'`);
    await stack.client.restart(projectId, 'architecture');
    await eventually(async () => {
      const tasks = await stack.client.rows('tasks', projectId, `AND stage = 'delivery'`);
      expect(tasks).toHaveLength(2);
    });
    await stack.client.waitForState(projectId, 'completed');
    const [planAfter] = await stack.client.rows('stages', projectId, `AND stage = 'plan'`);
    expect(planAfter).toEqual(plan);
    const [architecture] = await stack.client.rows(
      'stages',
      projectId,
      `AND stage = 'architecture'`,
    );
    expect(architecture).toMatchObject({ state: 'succeeded', attempt: 2 });
    const events = (await stack.client.rows('events', projectId)).map((event) => event['type']);
    expect(events.filter((type) => type === 'agentbus.workflow.v1.project.completed')).toHaveLength(
      2,
    );
  });
});
