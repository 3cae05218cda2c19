import { CONSUMERS, MessageDeadLetteredV1, wireSubject } from '@agentbus/contracts';
import { type Bus, connectBus, provisionConsumers } from '@agentbus/messaging';
import { deleteNamespaceStreams, eventually, natsUrl, testNamespace } from '@agentbus/testing';
import { type RunningOrchestrator, startOrchestrator } from '../support/orchestrator';
import { sample } from '../support/prometheus';
import { TestClient } from '../support/test-client';

const HOUR_MS = '3600000';
const noGates = { prd_approval: false, delivery_approval: false };
const cpuTasks = CONSUMERS.cpuWorker.cpuTaskRequested.durable;

// The gauges operators alert on, against the real tables and JetStream. No worker takes the tasks
// and the scheduler never ticks, so stages stay where a test puts them.
describe('master-orchestrator operations gauges (real NATS and Postgres)', () => {
  const namespace = testNamespace();
  const schema = `${namespace}_orch`;
  let orchestrator: RunningOrchestrator;
  let client: TestClient;
  let bus: Bus;

  beforeAll(async () => {
    bus = await connectBus({ servers: await natsUrl(), name: 'gauges-test', namespace });
    orchestrator = await startOrchestrator(namespace, schema, {
      ORCH_TICK_MS: HOUR_MS,
      ORCH_IDLE_TICK_MS: HOUR_MS,
    });
    // The worker's durable, as the worker would create it: the orchestrator only reads it.
    await provisionConsumers(bus, [CONSUMERS.cpuWorker.cpuTaskRequested]);
    client = await TestClient.start(namespace, schema);
  });

  afterAll(async () => {
    await orchestrator?.close();
    await client?.dropSchema();
    await client?.close();
    await bus?.close();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  const dispatchedStage = async (projectId: string) =>
    eventually(async () => {
      const [stage] = await client.rows('stages', projectId, `AND state = 'dispatched'`);
      expect(stage).toBeDefined();
      return stage?.['stage'] as string;
    });

  const update = (projectId: string, stage: string, set: string) =>
    client.execute(`UPDATE stages SET ${set} WHERE project_id = $1 AND stage = $2`, [
      projectId,
      stage,
    ]);

  it('counts tasks in flight by target, their age, and the backlog of the worker durable', async () => {
    const cpuProject = await client.submit(noGates);
    await dispatchedStage(cpuProject);
    const gpuProject = await client.submit(noGates);
    // Routing a stage to the GPU takes an ML-heavy requirement; the row says the same to a gauge.
    await update(gpuProject, await dispatchedStage(gpuProject), `target = 'gpu'`);

    await eventually(async () => {
      const text = await orchestrator.metrics();
      const inFlight = (target: string) =>
        sample(text, 'agent_bus_tasks_in_flight', { target, state: 'dispatched' });
      expect([inFlight('cpu'), inFlight('gpu')]).toEqual([1, 1]);
      expect(
        sample(text, 'agent_bus_task_oldest_in_flight_seconds', {
          target: 'gpu',
          state: 'dispatched',
        }),
      ).toBeGreaterThan(0);
      expect(sample(text, 'agent_bus_consumer_pending_messages', { consumer: cpuTasks })).toBe(2);
      expect(sample(text, 'agent_bus_queue_depth', { consumer: cpuTasks })).toBe(2);
      expect(sample(text, 'agent_bus_projects_stuck', { reason: 'idle' })).toBe(0);
      expect(sample(text, 'agent_bus_projects_stuck', { reason: 'overdue' })).toBe(0);
    });
  });

  it('counts a project past its attempt deadline, and one with nothing in flight, as stuck', async () => {
    const overdue = await client.submit(noGates);
    await update(
      overdue,
      await dispatchedStage(overdue),
      `deadline_at = now() - interval '5 minutes'`,
    );
    const idle = await client.submit(noGates);
    // A dispatch that was lost: the stage went back to pending and nothing will send it again.
    await update(idle, await dispatchedStage(idle), `state = 'pending', deadline_at = NULL`);
    const late = await client.submit(noGates);
    // Past due by less than the grace: the scheduler would get to it, so it is not stuck.
    await update(late, await dispatchedStage(late), `deadline_at = now() - interval '10 seconds'`);

    const text = await orchestrator.metrics();
    expect(sample(text, 'agent_bus_projects_stuck', { reason: 'overdue' })).toBe(1);
    expect(sample(text, 'agent_bus_projects_stuck', { reason: 'idle' })).toBe(1);
  });

  it('reports the dead letters held in the DLQ stream and ever stored there', async () => {
    const before = await orchestrator.metrics();
    expect(sample(before, 'agent_bus_dlq_messages', { stream: 'AGENTBUS_DLQ' })).toBe(0);
    const subject = wireSubject(namespace, MessageDeadLetteredV1.subject);
    await bus.js.publish(subject, '{"a":1}');
    await bus.js.publish(subject, '{"a":2}');

    await eventually(async () => {
      const text = await orchestrator.metrics();
      expect(sample(text, 'agent_bus_dlq_messages', { stream: 'AGENTBUS_DLQ' })).toBe(2);
      expect(sample(text, 'agent_bus_dead_letters_total', { stream: 'AGENTBUS_DLQ' })).toBe(2);
    });
  });
});
