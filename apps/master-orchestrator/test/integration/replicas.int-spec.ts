import { deleteNamespaceStreams, natsUrl, testNamespace } from '@agentbus/testing';
import { FakeWorker } from '../support/fake-worker';
import { type RunningOrchestrator, startOrchestrator } from '../support/orchestrator';
import { total } from '../support/prometheus';
import { TestClient } from '../support/test-client';

const PROJECTS = 6;
const CPU_STAGES = 12;

describe('two orchestrator replicas on one database and one bus', () => {
  const namespace = testNamespace();
  const schema = `${namespace}_orch`;
  let replicas: RunningOrchestrator[] = [];
  let worker: FakeWorker;
  let client: TestClient;

  beforeAll(async () => {
    replicas = await Promise.all([
      startOrchestrator(namespace, schema),
      startOrchestrator(namespace, schema),
    ]);
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

  it('dispatches each task exactly once and complete every project', async () => {
    const gated = (index: number) => ({ prd_approval: index % 2 === 0, delivery_approval: false });
    const ids = await Promise.all(
      Array.from({ length: PROJECTS }, (_, index) => client.submit(gated(index))),
    );
    // A gateway retry: the same project submitted again under a new message id.
    await client.submit(gated(0), ids[0]);
    await Promise.all(
      ids.filter((_, index) => gated(index).prd_approval).map((id) => client.approveNextGate(id)),
    );
    await Promise.all(ids.map((id) => client.waitForState(id, 'completed', 45_000)));

    for (const projectId of ids) {
      const tasks = await client.rows('tasks', projectId);
      expect(tasks).toHaveLength(CPU_STAGES);
      expect(new Set(tasks.map((task) => task['stage'])).size).toBe(CPU_STAGES);
      expect(tasks.every((task) => task['attempt'] === 1)).toBe(true);

      const received = worker.tasksOf(projectId);
      expect(new Set(received.map((seen) => seen.envelopeId)).size).toBe(CPU_STAGES);
      expect(new Set(received.map((seen) => seen.task.stage)).size).toBe(CPU_STAGES);

      const events = (await client.rows('events', projectId)).map((event) => event['type']);
      const count = (type: string) => events.filter((candidate) => candidate === type).length;
      expect(count('agentbus.workflow.v1.project.started')).toBe(1);
      expect(count('agentbus.workflow.v1.stage.dispatched')).toBe(CPU_STAGES);
      expect(count('agentbus.workflow.v1.project.completed')).toBe(1);
    }
  });

  it('shares the work between both replicas', async () => {
    for (const replica of replicas) {
      const handled = total(
        await replica.metrics(),
        'agent_bus_message_handle_duration_seconds_count',
      );
      expect(handled).toBeGreaterThan(0);
    }
  });
});
