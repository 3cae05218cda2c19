import {
  ApprovalRemindedV1,
  ApprovalTimedOutV1,
  type GateTimeout,
  SYSTEM_ACTOR,
} from '@agentbus/contracts';
import { deleteNamespaceStreams, eventually, natsUrl, testNamespace } from '@agentbus/testing';
import { FakeWorker } from '../support/fake-worker';
import { type RunningOrchestrator, startOrchestrator } from '../support/orchestrator';
import { TestClient } from '../support/test-client';

type Row = Record<string, unknown>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const prdGate = (timeout: GateTimeout) => ({
  gates: { prd_approval: true, delivery_approval: false },
  gateTimeouts: { prd_approval: timeout },
});

/** Gate timeouts on the real scheduler, Postgres and JetStream: one orchestrator, then two. */
describe('gate timeouts (real NATS and Postgres)', () => {
  const namespace = testNamespace();
  const schema = `${namespace}_orch`;
  let replicas: RunningOrchestrator[] = [];
  let worker: FakeWorker;
  let client: TestClient;

  const eventsOf = async (projectId: string, type: string): Promise<Row[]> =>
    (await client.rows('events', projectId)).filter((event) => event['type'] === type);
  const approvalsOf = (projectId: string) =>
    client.rows('approvals', projectId, 'ORDER BY attempt');

  beforeAll(async () => {
    replicas = [await startOrchestrator(namespace, schema)];
    worker = await FakeWorker.start(namespace, () => ({ kind: 'succeed' }));
    client = await TestClient.start(namespace, schema);
  });

  afterAll(async () => {
    await worker?.stop();
    await Promise.all(replicas.map((replica) => replica.close()));
    await client?.dropSchema();
    await client?.close();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  it('approve: nobody decides, the system approves once and the workflow completes', async () => {
    const projectId = await client.submitWithOptions(
      prdGate({ afterSeconds: 1, action: 'approve' }),
    );
    const opened = await client.openGate(projectId);
    expect(opened['timeout']).toEqual({ action: 'approve', afterSeconds: 1, maxReminders: null });

    await client.waitForState(projectId, 'completed');
    const [approval] = await approvalsOf(projectId);
    expect(approval).toMatchObject({
      state: 'approved',
      decision: 'approve',
      decided_by: SYSTEM_ACTOR,
      decided_by_timeout: true,
      deadline_at: null,
    });
    const waited =
      (approval?.['decided_at'] as Date).getTime() - (opened['opened_at'] as Date).getTime();
    expect(waited).toBeGreaterThanOrEqual(1_000);
    const timedOut = await eventsOf(projectId, ApprovalTimedOutV1.subject);
    expect(timedOut.map((event) => event['data'])).toEqual([
      expect.objectContaining({ gate: 'prd_approval', action: 'approve', afterSeconds: 1 }),
    ]);
  });

  it('reject: nobody decides, the project fails as on a reviewer rejection', async () => {
    const projectId = await client.submitWithOptions(
      prdGate({ afterSeconds: 1, action: 'reject' }),
    );
    const project = await client.waitForState(projectId, 'failed');
    expect(project).toMatchObject({
      failed_stage: 'prd',
      failure_cause: `prd_approval rejected by ${SYSTEM_ACTOR}: no decision within 1 s: default action reject`,
    });
    expect(await approvalsOf(projectId)).toEqual([
      expect.objectContaining({ state: 'rejected', decided_by_timeout: true }),
    ]);
    expect(await eventsOf(projectId, ApprovalTimedOutV1.subject)).toHaveLength(1);
    expect(await client.rows('tasks', projectId)).toHaveLength(1); // prd only
  });

  it('remind: reminders up to the bound, still waiting, then a reviewer approves', async () => {
    const timeout: GateTimeout = { afterSeconds: 1, action: 'remind', maxReminders: 2 };
    const projectId = await client.submitWithOptions(prdGate(timeout));
    const reminders = await eventually(
      async () => {
        const found = await eventsOf(projectId, ApprovalRemindedV1.subject);
        expect(found).toHaveLength(2);
        return found.map((event) => event['data'] as Row);
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    expect(reminders.map((data) => data['reminder'])).toEqual([1, 2]);
    expect(reminders[0]).toHaveProperty('nextReminderAt');
    expect(reminders[1]).not.toHaveProperty('nextReminderAt');

    // The bound holds: a further interval passes without a third reminder or any decision.
    await sleep(1_500);
    expect(await eventsOf(projectId, ApprovalRemindedV1.subject)).toHaveLength(2);
    const open = await client.openGate(projectId);
    expect(open).toMatchObject({ reminders_sent: 2, deadline_at: null, decided_by: null });
    expect((await client.waitForState(projectId, 'waiting_approval'))['state']).toBe(
      'waiting_approval',
    );

    await client.decide(projectId, open, 'approve');
    await client.waitForState(projectId, 'completed');
    expect(await approvalsOf(projectId)).toEqual([
      expect.objectContaining({
        state: 'approved',
        decided_by: 'reviewer',
        decided_by_timeout: false,
      }),
    ]);
    expect(await eventsOf(projectId, ApprovalTimedOutV1.subject)).toEqual([]);
  });

  it('applies a timeout that fell due while no orchestrator ran, once, after the restart', async () => {
    const projectId = await client.submitWithOptions(
      prdGate({ afterSeconds: 2, action: 'approve' }),
    );
    const opened = await client.openGate(projectId);
    await Promise.all(replicas.map((replica) => replica.close()));
    replicas = [];

    const deadline = (opened['deadline_at'] as Date).getTime();
    await sleep(Math.max(0, deadline - Date.now()) + 500);
    expect(await approvalsOf(projectId)).toEqual([expect.objectContaining({ state: 'open' })]);

    replicas = [await startOrchestrator(namespace, schema)];
    await client.waitForState(projectId, 'completed');
    expect(await approvalsOf(projectId)).toEqual([
      expect.objectContaining({ state: 'approved', decided_by_timeout: true }),
    ]);
    expect(await eventsOf(projectId, ApprovalTimedOutV1.subject)).toHaveLength(1);
    const tasks = await client.rows('tasks', projectId);
    expect(tasks.every((task) => task['attempt'] === 1)).toBe(true);
  });

  describe('with two orchestrator replicas', () => {
    beforeAll(async () => {
      replicas.push(await startOrchestrator(namespace, schema));
      expect(replicas).toHaveLength(2);
    });

    it('applies each timeout and each reminder exactly once', async () => {
      const approving = await Promise.all(
        [1, 2, 3].map(() =>
          client.submitWithOptions(prdGate({ afterSeconds: 1, action: 'approve' })),
        ),
      );
      const reminding = await Promise.all(
        [1, 2].map(() =>
          client.submitWithOptions(prdGate({ afterSeconds: 1, action: 'remind', maxReminders: 3 })),
        ),
      );
      await Promise.all(approving.map((id) => client.waitForState(id, 'completed', 45_000)));
      for (const projectId of approving) {
        expect(await eventsOf(projectId, ApprovalTimedOutV1.subject)).toHaveLength(1);
        const tasks = await client.rows('tasks', projectId);
        expect(new Set(tasks.map((task) => task['stage'])).size).toBe(tasks.length);
      }
      for (const projectId of reminding) {
        await eventually(
          async () => {
            const [approval] = await approvalsOf(projectId);
            expect(approval).toMatchObject({ reminders_sent: 3, deadline_at: null });
          },
          { timeoutMs: 15_000, intervalMs: 100 },
        );
        const reminders = await eventsOf(projectId, ApprovalRemindedV1.subject);
        expect(reminders.map((event) => (event['data'] as Row)['reminder'])).toEqual([1, 2, 3]);
      }
    });

    it('a reviewer racing the timer: exactly one of them decides the gate', async () => {
      const ids = await Promise.all(
        [1, 2, 3, 4].map(() =>
          client.submitWithOptions(prdGate({ afterSeconds: 1, action: 'reject' })),
        ),
      );
      // Each reviewer approves about when the timer falls due (spread around the deadline).
      await Promise.all(
        ids.map(async (projectId, index) => {
          const open = await client.openGate(projectId);
          const due = (open['deadline_at'] as Date).getTime() - 150 + index * 100;
          await sleep(Math.max(0, due - Date.now()));
          await client.decide(projectId, open, 'approve');
        }),
      );
      for (const projectId of ids) {
        const project = await eventually(
          async () => {
            const [row] = await client.rows('projects', projectId, '', 'id');
            expect(['completed', 'failed']).toContain(row?.['state']);
            return row as Row;
          },
          { timeoutMs: 45_000, intervalMs: 100 },
        );
        const approvals = await approvalsOf(projectId);
        const timedOut = await eventsOf(projectId, ApprovalTimedOutV1.subject);
        expect(approvals).toHaveLength(1);
        if (project['state'] === 'failed') {
          expect(approvals[0]).toMatchObject({ state: 'rejected', decided_by: SYSTEM_ACTOR });
          expect(timedOut).toHaveLength(1);
        } else {
          expect(approvals[0]).toMatchObject({ state: 'approved', decided_by: 'reviewer' });
          expect(timedOut).toHaveLength(0);
        }
      }
    });
  });
});
