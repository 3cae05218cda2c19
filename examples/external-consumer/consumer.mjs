// @ts-check
// Another system following Agent Bus projects over NATS: its own durable consumer on
// `agentbus.workflow.>`, each envelope validated with the @agentbus/contracts package, one message
// at a time (so a project's events are handled in the order they happened), duplicates skipped by
// envelope id, and an ack only after the effect. Prints one JSON line per event on stdout.
import {
  ProjectCompletedV1,
  STREAMS,
  StageCompletedV1,
  messageFor,
  parseEnvelope,
  wireStreamName,
  wireSubject,
} from '@agentbus/contracts';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, nanos } from '@nats-io/transport-node';

const env = process.env;
const config = {
  servers: (env['NATS_URL'] ?? 'nats://127.0.0.1:4222').split(','),
  // Only when Agent Bus runs with BUS_NAMESPACE (subjects `<ns>.agentbus.…`, streams `<NS>_…`).
  namespace: env['BUS_NAMESPACE'] ?? '',
  // Your system's own durable: never an Agent Bus name (those start with gw-, orch-, cpu-, …).
  durable: env['DURABLE'] ?? 'crm-workflow-events',
  // `new`: from now on; `all`: everything the stream still holds (30 days of workflow history).
  deliver: env['DELIVER'] === 'all' ? DeliverPolicy.All : DeliverPolicy.New,
};

const stream = wireStreamName(config.namespace, STREAMS.workflow.name);
const nc = await connect({ servers: config.servers, name: config.durable });
const jsm = await jetstreamManager(nc);

// Creating a durable with the same settings again is a no-op, so every start can do it.
await jsm.consumers.add(stream, {
  durable_name: config.durable,
  filter_subject: wireSubject(config.namespace, 'agentbus.workflow.>'),
  ack_policy: AckPolicy.Explicit,
  deliver_policy: config.deliver,
  ack_wait: nanos(30_000),
  max_deliver: 10,
  // One unacknowledged message at a time keeps stream order, also across redeliveries.
  max_ack_pending: 1,
});

const consumer = await jetstream(nc).consumers.get(stream, config.durable);
const messages = await consumer.consume();
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, () => void messages.close().then(() => nc.drain()));
}

// Delivery is at least once: remember handled ids (in your database, with the effect itself).
const handled = new Set();
print({ ready: true, stream, durable: config.durable });

for await (const msg of messages) {
  let raw;
  try {
    raw = msg.json();
  } catch {
    msg.term('not JSON');
    continue;
  }
  const type = typeof raw === 'object' && raw !== null ? raw.type : undefined;
  const definition = typeof type === 'string' ? messageFor(type) : undefined;
  if (definition === undefined) {
    // A message type newer than this package: upgrade @agentbus/contracts to read it.
    console.error(`skipping unknown type ${String(type)}`);
    msg.ack();
    continue;
  }
  let envelope;
  try {
    envelope = parseEnvelope(definition, raw);
  } catch (error) {
    msg.term(error instanceof Error ? error.message : 'invalid');
    continue;
  }
  if (!handled.has(envelope.id)) {
    print({
      seq: msg.seq,
      id: envelope.id,
      type: envelope.type,
      projectId: envelope.correlationId,
      summary: summarize(envelope),
    });
    handled.add(envelope.id);
  }
  msg.ack();
}

/** A few words about an event, using the typed payloads of two contracts. */
function summarize(/** @type {{ type: string, data: unknown }} */ envelope) {
  switch (envelope.type) {
    case StageCompletedV1.subject: {
      const { stage, artifact } = parseEnvelope(StageCompletedV1, envelope).data;
      return `${stage} v${artifact.version} stored`;
    }
    case ProjectCompletedV1.subject: {
      const { totalTokens, totalCostUsd } = parseEnvelope(ProjectCompletedV1, envelope).data;
      return `completed: ${totalTokens} tokens, $${totalCostUsd.toFixed(4)}`;
    }
    default: {
      // e.g. `architecture dispatched`, `prd_approval requested`, `project started`
      const { stage, gate } = /** @type {{ stage?: string, gate?: string }} */ (envelope.data);
      const [entity, event] = envelope.type.split('.').slice(-2);
      return `${stage ?? gate ?? entity} ${event}`;
    }
  }
}

function print(/** @type {object} */ line) {
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
