import { CONSUMERS, STREAMS } from '@agentbus/contracts';
import { AckPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { BusConfigurationError } from './errors';
import {
  assertNamespace,
  consumerConfigOf,
  defaultQueueGroup,
  differingFields,
  maxDeliveriesAdvisorySubject,
  streamConfigOf,
} from './names';

describe(streamConfigOf.name, () => {
  it('maps a contract stream to its server config without a namespace', () => {
    expect(streamConfigOf('', STREAMS.workflow)).toEqual({
      name: 'AGENTBUS_WORKFLOW',
      description: STREAMS.workflow.why,
      subjects: ['agentbus.workflow.>'],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: 'old',
      max_age: nanos(30 * 86_400_000),
      duplicate_window: nanos(15 * 60_000),
      num_replicas: 1,
    });
  });

  it('prefixes names and subjects with the namespace', () => {
    const config = streamConfigOf('t1', STREAMS.dlq, 3);
    expect(config).toMatchObject({
      name: 'T1_AGENTBUS_DLQ',
      subjects: ['t1.agentbus.dlq.>'],
      num_replicas: 3,
    });
  });
});

describe(consumerConfigOf.name, () => {
  it('maps a durable to an explicit-ack pull consumer sized for the pool', () => {
    const definition = CONSUMERS.cpuWorker.cpuTaskRequested;
    expect(consumerConfigOf('t1', definition, 4)).toEqual({
      durable_name: 'cpu-cpu-requested',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: 'all',
      replay_policy: 'instant',
      filter_subject: 't1.agentbus.task.v1.cpu.requested',
      ack_wait: nanos(5_000),
      max_deliver: 8,
      max_ack_pending: 8 * 4,
    });
  });
});

describe(differingFields.name, () => {
  it('names changed fields and compares arrays as sets', () => {
    const server = { a: 1, s: ['y', 'x'], extra: true };
    expect(differingFields<{ a: number; s: string[] }>(server, { a: 1, s: ['x', 'y'] })).toEqual(
      [],
    );
    expect(differingFields({ a: 1, s: ['x'] }, { a: 2, s: ['x', 'y'] })).toEqual(['a', 's']);
    expect(differingFields({}, { a: 1 })).toEqual(['a']);
  });
});

describe(assertNamespace.name, () => {
  it.each(['', 'test', 't_1a2b', 'ns-7'])('accepts %p', (namespace) => {
    expect(() => assertNamespace(namespace)).not.toThrow();
  });

  it.each(['Test', 'a.b', '1abc', 'with space', 'x'.repeat(30)])('rejects %p', (namespace) => {
    expect(() => assertNamespace(namespace)).toThrow(BusConfigurationError);
  });
});

describe('advisory and queue names', () => {
  it('computes the max-deliveries advisory subject of a durable', () => {
    expect(maxDeliveriesAdvisorySubject('T1_AGENTBUS_TASK', 'cpu-cpu-requested')).toBe(
      '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.T1_AGENTBUS_TASK.cpu-cpu-requested',
    );
  });

  it('defaults the queue group to the canonical subject', () => {
    expect(defaultQueueGroup('agentbus.rpc.v1.memory.search')).toBe(
      'agentbus.rpc.v1.memory.search',
    );
  });
});
