import {
  CONSUMERS,
  defineConsumer,
  InvalidMessageError,
  newMessageId,
  ProjectCancelRequestedV1,
  STREAMS,
  wireStreamName,
} from '@agentbus/contracts';
import { nanos } from '@nats-io/transport-node';
import {
  type Bus,
  consume,
  DurableNotFoundError,
  provisionConsumers,
  PublishFailedError,
  provisionStreams,
  Publisher,
} from '../../src';
import {
  aCancelRequest,
  deleteNamespaceStreams,
  meta,
  natsUrl,
  openBus,
  testNamespace,
} from '../support';

const namespace = testNamespace();

describe('provisioning and publishing (real NATS)', () => {
  let bus: Bus;

  beforeAll(async () => {
    bus = await openBus(namespace, 'provision-test');
  });

  afterAll(async () => {
    await bus.close();
    await deleteNamespaceStreams(natsUrl(), namespace);
  });

  it('creates every contract stream once, namespaced, and leaves it alone afterwards', async () => {
    const created = await provisionStreams(bus);
    const again = await provisionStreams(bus);

    expect(created.map((result) => result.action)).toEqual(created.map(() => 'created'));
    expect(again.map((result) => result.action)).toEqual(again.map(() => 'unchanged'));
    const info = await bus.jsm.streams.info(wireStreamName(namespace, STREAMS.task.name));
    expect(info.config).toMatchObject({
      subjects: [`${namespace}.agentbus.task.>`],
      storage: 'file',
      retention: 'limits',
      max_age: nanos(STREAMS.task.maxAgeMs),
      duplicate_window: nanos(STREAMS.task.duplicateWindowMs),
    });
  });

  it('asks for replicated streams and says what to change when the server cannot hold them', async () => {
    // The test server is a single node: it refuses to create an R3 stream, and accepts an update
    // to R3 that it cannot honour; both must stop the service with the setting to change.
    const name = wireStreamName(namespace, STREAMS.gpu.name);
    await bus.jsm.streams.delete(name);

    await expect(provisionStreams(bus, [STREAMS.gpu], { replicas: 3 })).rejects.toThrow(
      /stream .* with 3 replicas \(.*non-clustered.*\); set BUS_STREAM_REPLICAS/,
    );
    await provisionStreams(bus, [STREAMS.gpu], { replicas: 1 });
    await expect(provisionStreams(bus, [STREAMS.gpu], { replicas: 3 })).rejects.toThrow(
      /with 3 replicas \(the server is not clustered\); set BUS_STREAM_REPLICAS/,
    );
    const [again] = await provisionStreams(bus, [STREAMS.gpu], { replicas: 1 });
    expect(again?.action).toMatch(/updated|unchanged/);
    expect((await bus.jsm.streams.info(name)).config.num_replicas).toBe(1);
  });

  it('updates a stream whose managed fields drifted', async () => {
    const name = wireStreamName(namespace, STREAMS.memory.name);
    await bus.jsm.streams.update(name, { max_age: nanos(86_400_000) });

    const [result] = await provisionStreams(bus, [STREAMS.memory]);

    expect(result).toEqual({ name, action: 'updated', changed: ['max_age'] });
    expect((await bus.jsm.streams.info(name)).config.max_age).toBe(nanos(STREAMS.memory.maxAgeMs));
  });

  it('creates durables and updates them when their policy changes', async () => {
    const stream = wireStreamName(namespace, STREAMS.workflow.name);
    const before = defineConsumer('master-orchestrator', ProjectCancelRequestedV1, {
      ackWaitMs: 5_000,
    });
    const after = defineConsumer('master-orchestrator', ProjectCancelRequestedV1, {
      ackWaitMs: 9_000,
      maxDeliver: 2,
    });

    const created = await provisionConsumers(bus, Object.values(CONSUMERS.orchestrator));
    await provisionConsumers(bus, [before]);
    const [updated] = await provisionConsumers(bus, [after], { maxReplicas: 2 });
    const [unchanged] = await provisionConsumers(bus, [after], { maxReplicas: 2 });

    expect(created.every((result) => result.action === 'created')).toBe(true);
    expect(updated).toMatchObject({ action: 'updated' });
    expect(updated?.changed).toEqual(
      expect.arrayContaining(['ack_wait', 'max_deliver', 'max_ack_pending']),
    );
    expect(unchanged?.action).toBe('unchanged');
    const info = await bus.jsm.consumers.info(stream, after.durable);
    expect(info.config).toMatchObject({
      ack_policy: 'explicit',
      filter_subject: `${namespace}.${ProjectCancelRequestedV1.subject}`,
      ack_wait: nanos(9_000),
      max_deliver: 2,
      max_ack_pending: after.concurrency * 2,
    });
  });

  it('refuses to consume a durable that was never provisioned', async () => {
    const definition = CONSUMERS.memory.projectCompleted;
    await expect(consume(bus, definition, async () => undefined)).rejects.toBeInstanceOf(
      DurableNotFoundError,
    );
  });

  it('throws before sending when the data breaks the contract', async () => {
    const publisher = new Publisher(bus);
    const stream = wireStreamName(namespace, STREAMS.workflow.name);
    const before = (await bus.jsm.streams.info(stream)).state.last_seq;

    await expect(
      publisher.publish(ProjectCancelRequestedV1, { projectId: 'nope', requestedBy: '' }, meta()),
    ).rejects.toBeInstanceOf(InvalidMessageError);
    await expect(
      publisher.publishEnvelope({
        id: newMessageId(),
        type: 'agentbus.workflow.v9.nothing.here',
        source: 's',
        time: new Date().toISOString(),
        correlationId: newMessageId(),
        data: {},
      }),
    ).rejects.toBeInstanceOf(InvalidMessageError);
    expect((await bus.jsm.streams.info(stream)).state.last_seq).toBe(before);
  });

  it('wraps a publish the stream never confirms in a PublishFailedError', async () => {
    const elsewhere = await openBus(testNamespace(), 'no-streams');
    try {
      const failure = await new Publisher(elsewhere)
        .publish(ProjectCancelRequestedV1, aCancelRequest(), meta())
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(PublishFailedError);
      expect(failure).toMatchObject({ subject: ProjectCancelRequestedV1.subject });
      expect((failure as Error).cause).toBeInstanceOf(Error);
    } finally {
      await elsewhere.close();
    }
  });

  it('republishes a stored envelope with its stored trace header', async () => {
    const publisher = new Publisher(bus);
    const stream = wireStreamName(namespace, STREAMS.workflow.name);
    const envelope = {
      id: newMessageId(),
      type: ProjectCancelRequestedV1.subject,
      source: 'outbox',
      time: new Date().toISOString(),
      correlationId: newMessageId(),
      data: aCancelRequest(),
    };
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

    const first = await publisher.publishEnvelope(envelope, { traceparent });
    const replay = await publisher.publishEnvelope(envelope, { traceparent });

    expect(replay).toEqual({ seq: first.seq, duplicate: true });
    const stored = await bus.jsm.streams.getMessage(stream, { seq: first.seq });
    expect(stored?.header.get('traceparent')).toBe(traceparent);
    expect(stored?.header.get('Nats-Msg-Id')).toBe(envelope.id);
    expect(stored?.json()).toEqual(envelope);
  });
});
