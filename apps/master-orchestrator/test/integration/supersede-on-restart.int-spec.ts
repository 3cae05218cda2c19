import { deleteNamespaceStreams, eventually, natsUrl, testNamespace } from '@agentbus/testing';
import { FakeWorker } from '../support/fake-worker';
import { type RunningOrchestrator, startOrchestrator } from '../support/orchestrator';
import { TestClient } from '../support/test-client';

/** A restart supersedes the gates after its stage, recording which restart, and they ask again. */
describe('restart supersedes gates (real NATS and Postgres)', () => {
  const namespace = testNamespace();
  const schema = `${namespace}_orch`;
  let orchestrator: RunningOrchestrator;
  let worker: FakeWorker;
  let client: TestClient;

  beforeAll(async () => {
    orchestrator = await startOrchestrator(namespace, schema);
    worker = await FakeWorker.start(namespace, () => ({ kind: 'succeed' }));
    client = await TestClient.start(namespace, schema);
  });

  afterAll(async () => {
    await worker?.stop();
    await orchestrator?.close();
    await client?.dropSchema();
    await client?.close();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  it('supersedes the approved and the open gate after the restart stage; the first asks again', async () => {
    const projectId = await client.submit({ prd_approval: true, delivery_approval: true });
    const prd = await client.approveNextGate(projectId);
    const openGate = (gate: string, attempt: number) =>
      eventually(
        async () => {
          const where = `AND state = 'open' AND gate = '${gate}' AND attempt = ${attempt}`;
          const [open] = await client.rows('approvals', projectId, where);
          expect(open).toBeDefined();
          return open as Record<string, unknown>;
        },
        { timeoutMs: 120_000, intervalMs: 200 },
      );
    const delivery = await openGate('delivery_approval', 1);

    await client.restart(projectId, 'prd');
    await openGate('prd_approval', 2);

    const rows = await client.rows('approvals', projectId, 'ORDER BY opened_at, attempt');
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
    const handled = await client.rows('inbox', String(restartId), '', 'message_id');
    expect(handled).toEqual([
      expect.objectContaining({ consumer: 'orch-project-restart-requested' }),
    ]);

    const prdTasks = worker.tasksOf(projectId).filter((seen) => seen.task.stage === 'prd');
    expect(prdTasks.map((seen) => seen.task.attempt)).toEqual([1, 2]);
  }, 300_000);
});
