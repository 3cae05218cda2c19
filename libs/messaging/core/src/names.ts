import {
  type ConsumerDefinition,
  type StreamDefinition,
  wireStreamName,
  wireSubject,
} from '@agentbus/contracts';
import {
  AckPolicy,
  type ConsumerConfig,
  DeliverPolicy,
  DiscardPolicy,
  ReplayPolicy,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { BusConfigurationError } from './errors';

// Lowercase only: the stream prefix is the upper-cased namespace, so `a` and `A` would collide.
const NAMESPACE = /^[a-z][a-z0-9_-]{0,23}$/;

/** Throws {@link BusConfigurationError} unless `namespace` is empty or a short lowercase token. */
export function assertNamespace(namespace: string): void {
  if (namespace !== '' && !NAMESPACE.test(namespace)) {
    throw new BusConfigurationError(
      `namespace "${namespace}" must be empty or match ${NAMESPACE.source} (it prefixes subjects and stream names)`,
    );
  }
}

/** The stream fields the bus owns; anything else on the server is left alone. */
export type ManagedStreamConfig = Pick<
  StreamConfig,
  | 'name'
  | 'description'
  | 'subjects'
  | 'retention'
  | 'storage'
  | 'discard'
  | 'max_age'
  | 'duplicate_window'
  | 'num_replicas'
>;

/** Server config for a contract stream under a namespace. */
export function streamConfigOf(
  namespace: string,
  stream: StreamDefinition,
  replicas = 1,
): ManagedStreamConfig {
  return {
    name: wireStreamName(namespace, stream.name),
    description: stream.why,
    subjects: stream.subjects.map((subject) => wireSubject(namespace, subject)),
    retention: stream.retention === 'interest' ? RetentionPolicy.Interest : RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(stream.maxAgeMs),
    duplicate_window: nanos(stream.duplicateWindowMs),
    num_replicas: replicas,
  };
}

/** The consumer fields the bus owns. */
export type ManagedConsumerConfig = { durable_name: string } & Pick<
  ConsumerConfig,
  | 'ack_policy'
  | 'deliver_policy'
  | 'replay_policy'
  | 'filter_subject'
  | 'ack_wait'
  | 'max_deliver'
  | 'max_ack_pending'
>;

/**
 * Server config for a durable pull consumer. `max_ack_pending` bounds the whole pool: each process
 * holds at most `concurrency` messages, so `concurrency × maxReplicas` never throttles a healthy pool.
 */
export function consumerConfigOf(
  namespace: string,
  consumer: ConsumerDefinition,
  maxReplicas = 16,
): ManagedConsumerConfig {
  return {
    durable_name: consumer.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    filter_subject: wireSubject(namespace, consumer.message.subject),
    ack_wait: nanos(consumer.ackWaitMs),
    max_deliver: consumer.maxDeliver,
    max_ack_pending: consumer.concurrency * maxReplicas,
  };
}

/** Names of the fields whose server value differs from the desired one (arrays compared as sets). */
export function differingFields<T extends object>(current: Partial<T>, desired: T): (keyof T)[] {
  return (Object.keys(desired) as (keyof T)[]).filter((key) => {
    const want = desired[key];
    const have = current[key];
    if (Array.isArray(want) && Array.isArray(have)) {
      return [...want].sort().join('\n') !== [...have].sort().join('\n');
    }
    return want !== have;
  });
}

/** Where the server announces a message that ran out of deliveries on a durable. */
export const maxDeliveriesAdvisorySubject = (wireStream: string, durable: string): string =>
  `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${wireStream}.${durable}`;

/** The queue group responders of a query share unless told otherwise: its canonical subject. */
export const defaultQueueGroup = (subject: string): string => subject;
