import {
  ALL_STREAMS,
  type ConsumerDefinition,
  type StreamDefinition,
  wireStreamName,
} from '@agentbus/contracts';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import { type Bus } from './bus';
import {
  consumerConfigOf,
  differingFields,
  type ManagedConsumerConfig,
  type ManagedStreamConfig,
  streamConfigOf,
} from './names';

/** What provisioning did to one stream or durable. */
export interface ProvisionResult {
  readonly name: string;
  readonly action: 'created' | 'updated' | 'unchanged';
  /** The fields that were changed on update. */
  readonly changed: readonly string[];
}

const isApiError = (error: unknown, code: number): boolean =>
  error instanceof JetStreamApiError && error.code === code;

/**
 * Creates each stream, or updates it when a field the contract sets differs; idempotent, and safe
 * when several replicas start at once. `replicas` is 3 on the production cluster (DESIGN §17).
 */
export async function provisionStreams(
  bus: Bus,
  streams: readonly StreamDefinition[] = ALL_STREAMS,
  options: { replicas?: number } = {},
): Promise<ProvisionResult[]> {
  const results: ProvisionResult[] = [];
  for (const stream of streams) {
    const desired = streamConfigOf(bus.namespace, stream, options.replicas);
    try {
      results.push(await provisionStream(bus, desired));
      if (desired.num_replicas > 1) await assertClustered(bus, desired.name);
    } catch (error) {
      throw desired.num_replicas > 1 ? replicasRefused(desired, error) : error;
    }
  }
  for (const result of results) {
    if (result.action !== 'unchanged') bus.logger.info({ ...result }, 'stream provisioned');
  }
  return results;
}

async function provisionStream(bus: Bus, desired: ManagedStreamConfig): Promise<ProvisionResult> {
  try {
    const { config } = await bus.jsm.streams.info(desired.name);
    const changed = differingFields(config, desired);
    if (changed.length === 0) return { name: desired.name, action: 'unchanged', changed: [] };
    await bus.jsm.streams.update(desired.name, desired);
    return { name: desired.name, action: 'updated', changed: changed.map(String) };
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
  }
  // A replica that lost the race gets the same config back: JetStream treats an identical add as a no-op.
  await bus.jsm.streams.add(desired);
  return { name: desired.name, action: 'created', changed: [] };
}

/**
 * A single server refuses a replicated stream on create but accepts it on update and then reports
 * the replicas it does not keep; a stream without cluster info is held by one server only.
 */
async function assertClustered(bus: Bus, name: string): Promise<void> {
  const { cluster } = await bus.jsm.streams.info(name);
  if (cluster === undefined) throw new Error('the server is not clustered');
}

/** The server's refusal of a replicated stream (e.g. a single node), with what the operator can change. */
function replicasRefused(desired: ManagedStreamConfig, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(
    `cannot create or update stream ${desired.name} with ${desired.num_replicas} replicas (${reason}); ` +
      'set BUS_STREAM_REPLICAS to at most the number of JetStream servers in the cluster',
    { cause },
  );
}

/**
 * Creates each durable pull consumer (explicit ack, the definition's ack wait and max deliveries,
 * a namespaced filter subject), or updates it when one of those fields changed. The streams must
 * exist. `maxReplicas` sizes `max_ack_pending` for the pool (default 16 processes).
 */
export async function provisionConsumers(
  bus: Bus,
  consumers: readonly ConsumerDefinition[],
  options: { maxReplicas?: number } = {},
): Promise<ProvisionResult[]> {
  const results: ProvisionResult[] = [];
  for (const consumer of consumers) {
    const stream = wireStreamName(bus.namespace, consumer.stream);
    const desired = consumerConfigOf(bus.namespace, consumer, options.maxReplicas);
    results.push(await provisionConsumer(bus, stream, desired));
  }
  for (const result of results) {
    if (result.action !== 'unchanged') bus.logger.info({ ...result }, 'consumer provisioned');
  }
  return results;
}

async function provisionConsumer(
  bus: Bus,
  stream: string,
  desired: ManagedConsumerConfig,
): Promise<ProvisionResult> {
  const name = desired.durable_name;
  try {
    const { config } = await bus.jsm.consumers.info(stream, name);
    const changed = differingFields(config, desired);
    if (changed.length === 0) return { name, action: 'unchanged', changed: [] };
    await bus.jsm.consumers.update(stream, name, desired);
    return { name, action: 'updated', changed: changed.map(String) };
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
  }
  await bus.jsm.consumers.add(stream, desired);
  return { name, action: 'created', changed: [] };
}
