import { randomUUID } from 'node:crypto';
import { CONSUMERS, type CpuTaskRequestedV1, wireStreamName } from '@agentbus/contracts';
import { type Bus, connectBus } from '@agentbus/messaging';
import { deleteNamespaceStreams, eventually, natsUrl, testNamespace } from '@agentbus/testing';
import { FakeWorker, type Reply } from '../support/fake-worker';
import { type RunningOrchestrator, startOrchestrator } from '../support/orchestrator';
import { TestClient } from '../support/test-client';

type Task = CpuTaskRequestedV1['data'];
const RUNNING = 'agentbus.workflow.v1.stage.running';
const started = CONSUMERS.orchestrator.cpuTaskStarted;

/** A task started report moves a dispatched stage to `running`, once, for the current attempt only. */
describe('master-orchestrator stage running (real NATS and Postgres)', () => {
  const namespace = testNamespace();
  const schema = `${namespace}_orch`;
  let orchestrator: RunningOrchestrator;
  let worker: FakeWorker;
  let client: TestClient;
  let bus: Bus;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));

  beforeAll(async () => {
    orchestrator = await startOrchestrator(namespace, schema);
    // prd is held until the test releases it, so the started reports arrive before the result.
    worker = await FakeWorker.start(namespace, async (task): Promise<Reply> => {
      if (task.stage === 'prd') await held;
      return { kind: 'succeed' };
    });
    client = await TestClient.start(namespace, schema);
    bus = await connectBus({ servers: await natsUrl(), name: 'probe', namespace });
  });

  afterAll(async () => {
    release();
    await bus?.close();
    await worker?.stop();
    await orchestrator?.close();
    await client?.dropSchema();
    await client?.close();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  /** Waits until the orchestrator's started durable has settled every report sent so far. */
  const drained = () =>
    eventually(async () => {
      const stream = wireStreamName(namespace, started.stream);
      const info = await bus.jsm.consumers.info(stream, started.durable);
      expect(info.num_pending + info.num_ack_pending).toBe(0);
    });
  const runningEvents = async (projectId: string) =>
    (await client.rows('events', projectId)).filter((event) => event['type'] === RUNNING);

  it('reports running for the current attempt once, ignores a stale one, then succeeds', async () => {
    const projectId = await client.submit();
    const task: Task = await eventually(async () => {
      const [seen] = worker.tasksOf(projectId);
      expect(seen).toBeDefined();
      return (seen as { task: Task }).task;
    });
    const [dispatched] = await client.rows('stages', projectId, `AND stage = 'prd'`);
    expect(dispatched).toMatchObject({ state: 'dispatched', attempt: 1 });

    // A report for an attempt that is not current changes nothing.
    await worker.started({ ...task, taskId: randomUUID(), attempt: 2 });
    await drained();
    expect((await client.rows('stages', projectId, `AND stage = 'prd'`))[0]).toMatchObject({
      state: 'dispatched',
    });
    expect(await runningEvents(projectId)).toEqual([]);

    await worker.started(task);
    await eventually(async () => {
      const [prd] = await client.rows('stages', projectId, `AND stage = 'prd'`);
      expect(prd).toMatchObject({ state: 'running', attempt: 1 });
    });
    const [row] = await client.rows('tasks', projectId, `AND id = '${task.taskId}'`);
    expect(row?.['started_at']).toBeInstanceOf(Date);
    const [event] = await runningEvents(projectId);
    expect(event?.['data']).toEqual({
      projectId,
      stage: 'prd',
      attempt: 1,
      taskId: task.taskId,
      startedAt: expect.any(String),
      worker: 'fake-worker-1',
    });

    // A redelivered report (a new message id, past the stream's dedupe) inserts no second event.
    await worker.started(task);
    await drained();
    expect(await runningEvents(projectId)).toHaveLength(1);

    release();
    await client.openGate(projectId); // prd succeeded: the prd_approval gate opens
    const [prd] = await client.rows('stages', projectId, `AND stage = 'prd'`);
    expect(prd).toMatchObject({ state: 'succeeded', attempt: 1 });

    // A report overtaken by its result changes nothing either.
    await worker.started(task);
    await drained();
    expect((await client.rows('stages', projectId, `AND stage = 'prd'`))[0]).toMatchObject({
      state: 'succeeded',
    });
    expect(await runningEvents(projectId)).toHaveLength(1);
  });
});
