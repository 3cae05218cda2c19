import { eventually } from '@agentbus/testing';
import { useOrchestratorStack } from '../support/orchestrator-stack';

/** A restart supersedes the gates after its stage, recording which restart, and they ask again. */
describe('restart supersedes gates (real NATS and Postgres)', () => {
  const stack = useOrchestratorStack();

  it('supersedes the approved and the open gate after the restart stage; the first asks again', async () => {
    const projectId = await stack.client.submit({ prd_approval: true, delivery_approval: true });
    const prd = await stack.client.approveNextGate(projectId);
    const openGate = (gate: string, attempt: number) =>
      eventually(
        async () => {
          const where = `AND state = 'open' AND gate = '${gate}' AND attempt = ${attempt}`;
          const [open] = await stack.client.rows('approvals', projectId, where);
          expect(open).toBeDefined();
          return open as Record<string, unknown>;
        },
        { timeoutMs: 120_000, intervalMs: 200 },
      );
    const delivery = await openGate('delivery_approval', 1);

    await stack.client.restart(projectId, 'prd');
    await openGate('prd_approval', 2);

    const rows = await stack.client.rows('approvals', projectId, 'ORDER BY opened_at, attempt');
    const [approved, delivered] = rows;
    expect(approved).toMatchObject({
      id: prd['id'],
      state: 'superseded',
      decision: 'approve',
      decided_by: 'reviewer',
    });
    expect(delivered).toMatchObject({ id: delivery['id'], state: 'superseded', decision: null });
    // Both by the restart command the orchestrator took from the bus (its inbox has the id).
    const restartId = approved?.['superseded_by'];
    expect(delivered?.['superseded_by']).toBe(restartId);
    expect(approved?.['superseded_at']).toBeInstanceOf(Date);
    const handled = await stack.client.rows('inbox', String(restartId), '', 'message_id');
    expect(handled).toEqual([
      expect.objectContaining({ consumer: 'orch-project-restart-requested' }),
    ]);

    const prdTasks = stack.worker.tasksOf(projectId).filter((seen) => seen.task.stage === 'prd');
    expect(prdTasks.map((seen) => seen.task.attempt)).toEqual([1, 2]);
  }, 300_000);
});
