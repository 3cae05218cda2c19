import {
  type CPU_TASK_REQUESTS,
  type CpuTaskLane,
  type CpuTaskRequest,
  cpuTaskRequestFor,
  newMessageId,
  PRIORITY_GROUPS,
  type PriorityGroupDefinition,
  type StageId,
  STREAMS,
  wireStreamName,
} from '@agentbus/contracts';
import {
  type Bus,
  consumeByPriority,
  type ConsumerHandle,
  type MessageHandler,
  provisionConsumers,
  provisionStreams,
  Publisher,
} from '../../src';
import {
  deadLetters,
  deferred,
  deleteNamespaceStreams,
  eventually,
  memoryLogger,
  meta,
  natsUrl,
  openBus,
  sleep,
  testNamespace,
} from '../support';

type Lanes = (typeof CPU_TASK_REQUESTS)[CpuTaskLane];

const namespace = testNamespace();
const stream = wireStreamName(namespace, STREAMS.task.name);
const logger = memoryLogger();
const lanes = PRIORITY_GROUPS.cpuWorker.cpuTasks;
const groupOf = (concurrency: number): PriorityGroupDefinition<Lanes> => ({
  ...lanes,
  concurrency,
});

const aTask = (stage: StageId, projectId = newMessageId()) => ({
  taskId: newMessageId(),
  projectId,
  stage,
  attempt: 1,
  agent: 'prd' as const,
  inputs: [],
  deadlineAt: new Date(Date.now() + 60_000).toISOString(),
});

describe('consumeByPriority (real NATS)', () => {
  let bus: Bus;
  let publisher: Publisher;
  const handles: ConsumerHandle[] = [];

  const start = async (
    concurrency: number,
    handler: MessageHandler<Lanes>,
    on: Bus = bus,
  ): Promise<ConsumerHandle> => {
    const handle = await consumeByPriority(on, groupOf(concurrency), handler);
    handles.push(handle);
    return handle;
  };
  const publish = (stage: StageId, projectId?: string) =>
    publisher.publish(cpuTaskRequestFor(stage), aTask(stage, projectId), meta());
  const stagesOf = (seen: readonly CpuTaskRequest[]) => seen.map((message) => message.data.stage);

  beforeAll(async () => {
    bus = await openBus(namespace, 'priority-test', logger);
    await provisionStreams(bus, [STREAMS.task, STREAMS.dlq]);
    publisher = new Publisher(bus);
  });

  beforeEach(async () => {
    await bus.jsm.streams.purge(stream);
    for (const lane of lanes.lanes) {
      await bus.jsm.consumers.delete(stream, lane.durable).catch(() => false);
    }
    await provisionConsumers(bus, lanes.lanes);
  });

  afterEach(async () => {
    await Promise.all(handles.splice(0).map((handle) => handle.stop({ timeoutMs: 100 })));
  });

  afterAll(async () => {
    await bus.close();
    await deleteNamespaceStreams(natsUrl(), namespace);
  });

  it('takes a later-stage task before earlier ones that waited longer', async () => {
    for (const stage of ['prd', 'feature_tree', 'plan', 'uiux', 'qa', 'delivery'] as const) {
      await publish(stage);
    }
    const seen: CpuTaskRequest[] = [];
    await start(1, async (message) => void seen.push(message));

    await eventually(() => expect(seen).toHaveLength(6));
    expect(stagesOf(seen)).toEqual(['qa', 'delivery', 'plan', 'uiux', 'prd', 'feature_tree']);
  });

  it('gives the next free slot to a late task published behind an early backlog', async () => {
    for (let i = 0; i < 20; i++) await publish('feature_tree');
    const seen: CpuTaskRequest[] = [];
    const gate = deferred();
    await start(2, async (message) => {
      seen.push(message);
      if (seen.length <= 2) await gate.promise; // both slots busy while the late task arrives
    });
    await eventually(() => expect(seen).toHaveLength(2));

    await publish('delivery');
    await sleep(100);
    gate.resolve();

    await eventually(() => expect(seen).toHaveLength(21));
    expect(stagesOf(seen).indexOf('delivery')).toBe(2);
  });

  it('never runs more than its concurrency at once across lanes, and loses nothing', async () => {
    const stages: StageId[] = ['prd', 'plan', 'qa', 'delivery', 'uiux', 'feature_tree'];
    for (let i = 0; i < 60; i++) await publish(stages[i % stages.length] as StageId);
    let running = 0;
    let peak = 0;
    const seen = new Set<string>();
    await start(4, async (message) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(5);
      seen.add(message.data.taskId);
      running--;
    });

    await eventually(() => expect(seen.size).toBe(60));
    expect(peak).toBeLessThanOrEqual(4);
    await eventually(async () => {
      for (const lane of lanes.lanes) {
        const info = await bus.jsm.consumers.info(stream, lane.durable);
        expect([info.num_pending, info.num_ack_pending]).toEqual([0, 0]);
      }
    });
    expect(await deadLetters(bus)).toEqual([]);
  });

  it('picks up a task published while idle at once, on any lane', async () => {
    const seen: CpuTaskRequest[] = [];
    await start(8, async (message) => void seen.push(message));
    await sleep(300); // every lane empty: waiting pulls are open

    const sentAt = Date.now();
    await publish('prd');
    await publish('pm_review');

    await eventually(() => expect(stagesOf(seen).sort()).toEqual(['pm_review', 'prd']));
    expect(Date.now() - sentAt).toBeLessThan(1_000);
  });

  it('hands a task that a stopped process held to another process', async () => {
    await publish('security');
    const held = deferred();
    const never = deferred();
    const first = await start(1, async () => {
      held.resolve();
      await never.promise;
    });
    await held.promise;
    const other = await openBus(namespace, 'priority-test-2', logger);
    const seen: { stage: StageId; deliveryCount: number }[] = [];
    await start(
      1,
      async (message, context) =>
        void seen.push({ stage: message.data.stage, deliveryCount: context.deliveryCount }),
      other,
    );

    await expect(first.stop({ timeoutMs: 50 })).resolves.toEqual({ finished: 0, released: 1 });
    never.resolve();

    await eventually(() => expect(seen).toEqual([{ stage: 'security', deliveryCount: 2 }]));
    await other.close();
  });
});
