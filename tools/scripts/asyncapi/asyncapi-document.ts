// Builds the AsyncAPI 3 description of the bus from libs/contracts: one channel per subject, the
// stream that stores it, the durables that consume it, and the envelope schema from its zod schema.
import {
  ALL_CONSUMERS,
  type ConsumerDefinition,
  createEnvelope,
  HEADERS,
  type MessageDefinition,
  parseSubject,
  type QueryDefinition,
  SUBJECT_ROOT,
  streamFor,
  allMessages,
  allQueries,
} from '../../../libs/contracts/src';
import { defaultQueueGroup } from '../../../libs/messaging/core/src/names';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import {
  EXAMPLE_PROJECT_ID,
  MESSAGE_EXAMPLES,
  type MessageExample,
  REPLY_EXAMPLES,
  type ReplyExample,
} from './message-examples';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const ASYNCAPI_VERSION = '3.1.0';
const EXAMPLE_TIME = new Date('2025-06-02T09:30:00.000Z');
const EXAMPLE_TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

const pascal = (token: string): string =>
  token
    .split('-')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join('');

/** Component name of a message: `agentbus.workflow.v1.project.submitted` → `WorkflowProjectSubmittedV1`. */
export function messageName(subject: string): string {
  const { domain, version, entity, event } = parseSubject(subject);
  return `${pascal(domain)}${pascal(entity)}${pascal(event)}V${version}`;
}

/** Channel key of a subject: the subject without its `agentbus.` root. */
export const channelKey = (subject: string): string => subject.slice(SUBJECT_ROOT.length + 1);

const ref = (pointer: string): JsonObject => ({ $ref: pointer });
const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');
const channelRef = (key: string): JsonObject => ref(`#/channels/${escapePointer(key)}`);

/** Draft-07 JSON Schema of what a consumer accepts (AsyncAPI schemas are a draft-07 superset). */
function jsonSchemaOf(schema: z.ZodType): JsonObject {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-7', io: 'input' });
  return rest as JsonObject;
}

function duration(ms: number): string {
  if (ms >= 86_400_000 && ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 1_000) return `${ms / 1_000} s`;
  return `${ms} ms`;
}

const isStreamed = (message: MessageDefinition): boolean =>
  parseSubject(message.subject).domain !== 'rpc';

const HEADER_SCHEMAS: Record<string, JsonObject> = {
  StreamHeaders: {
    type: 'object',
    description: 'NATS headers of a message published to a JetStream stream.',
    properties: {
      [HEADERS.msgId]: {
        type: 'string',
        description:
          'The envelope id. JetStream drops a second publish with the same id inside the ' +
          "stream's duplicate window (15 min).",
      },
      [HEADERS.traceparent]: {
        type: 'string',
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
        description: 'W3C trace context of the publisher, when tracing is on.',
      },
      [HEADERS.tracestate]: { type: 'string', description: 'W3C trace state, if any.' },
      [HEADERS.replayOf]: {
        type: 'string',
        description:
          'Only on a message replayed from the dead-letter queue: the id of the dead letter. ' +
          'The envelope (and its id) is the original, so inbox deduplication still applies.',
      },
    },
    required: [HEADERS.msgId],
  },
  DeadLetterHeaders: {
    allOf: [
      ref('#/components/schemas/StreamHeaders'),
      {
        type: 'object',
        properties: {
          [HEADERS.deadLetterReason]: {
            type: 'string',
            maxLength: 512,
            description: 'Why the message was taken off its consumer, on one line.',
          },
        },
        required: [HEADERS.deadLetterReason],
      },
    ],
  },
  RequestHeaders: {
    type: 'object',
    description: 'NATS headers of a request/reply question (no stream, so no Nats-Msg-Id).',
    properties: {
      [HEADERS.traceparent]: {
        type: 'string',
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      },
      [HEADERS.tracestate]: { type: 'string' },
    },
  },
};

function headersKind(message: MessageDefinition): string {
  if (!isStreamed(message)) return 'RequestHeaders';
  return parseSubject(message.subject).domain === 'dlq' ? 'DeadLetterHeaders' : 'StreamHeaders';
}

function exampleOf(message: MessageDefinition): MessageExample {
  const found = MESSAGE_EXAMPLES.filter((candidate) => candidate.definition === message);
  if (found.length !== 1 || found[0] === undefined) {
    throw new Error(
      `${message.subject} needs exactly one example in tools/scripts/asyncapi/message-examples.ts`,
    );
  }
  return found[0];
}

function componentMessage(message: MessageDefinition): JsonObject {
  const { domain } = parseSubject(message.subject);
  const sample = exampleOf(message);
  // createEnvelope parses the example with the contract's own schema: a stale example throws here.
  const envelope = createEnvelope(message, sample.data as never, {
    id: sampleId(message.subject),
    source: sample.source,
    correlationId: EXAMPLE_PROJECT_ID,
    time: EXAMPLE_TIME,
  });
  const headers: JsonObject = isStreamed(message)
    ? { [HEADERS.msgId]: envelope.id, [HEADERS.traceparent]: EXAMPLE_TRACEPARENT }
    : { [HEADERS.traceparent]: EXAMPLE_TRACEPARENT };
  if (domain === 'dlq') headers[HEADERS.deadLetterReason] = 'invalid message';
  const name = messageName(message.subject);
  return {
    name,
    title: message.subject,
    summary: message.description,
    contentType: 'application/json',
    tags: [{ name: domain }, { name: message.kind }],
    headers: ref(`#/components/schemas/${headersKind(message)}`),
    payload: ref(`#/components/schemas/${name}`),
    examples: [{ name: 'example', summary: sample.summary, headers, payload: toJson(envelope) }],
  };
}

function replyMessage(query: QueryDefinition): JsonObject {
  const found = REPLY_EXAMPLES.filter((candidate) => candidate.query === query);
  const sample: ReplyExample | undefined = found[0];
  if (found.length !== 1 || sample === undefined) {
    throw new Error(`${query.subject} needs exactly one reply example`);
  }
  const parsed = query.reply.safeParse(sample.reply);
  if (!parsed.success) throw new Error(`the reply example of ${query.subject} is invalid`);
  const name = `${messageName(query.subject)}Reply`;
  return {
    name,
    title: `reply to ${query.subject}`,
    summary: `The answer, or an error the asker can act on (\`retryable\`).`,
    contentType: 'application/json',
    payload: ref(`#/components/schemas/${name}`),
    examples: [{ name: 'example', summary: sample.summary, payload: toJson(sample.reply) }],
  };
}

// Fixed namespace of the examples' name-based ids, so the document renders the same every time.
const EXAMPLE_ID_NAMESPACE = '5f0c7a2e-3b9d-4e61-8a47-c2d91e6b0f38';
const sampleId = (subject: string): string => uuidv5(`example:${subject}`, EXAMPLE_ID_NAMESPACE);

const toJson = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

function channelDescription(message: MessageDefinition): string {
  const kind = message.kind === 'command' ? 'A command' : 'An event';
  const lines = [`${kind}: ${message.description}.`];
  if (message.eventLogOnly) {
    lines.push(
      'Never published on NATS: the orchestrator writes it to the project event log, which the ' +
        'gateway streams as Server-Sent Events (`GET /v1/projects/{id}/events`). It is listed here so its payload is documented.',
    );
  } else if (!isStreamed(message)) {
    lines.push(
      'Request/reply through the queue group named after the subject; no stream stores it. The ' +
        "reply goes to the asker's inbox subject.",
    );
  } else {
    const stream = streamFor(message.subject);
    lines.push(
      `Stored in stream \`${stream.name}\`, kept ${duration(stream.maxAgeMs)} (${stream.why}).`,
    );
    const durables = consumersOf(message).map((c) => `\`${c.durable}\` (${c.app})`);
    lines.push(
      durables.length > 0
        ? `Agent Bus durables: ${durables.join(', ')}.`
        : 'No Agent Bus service consumes it; it is published for other systems, audit and replay.',
    );
  }
  return lines.join('\n\n');
}

const consumersOf = (message: MessageDefinition): readonly ConsumerDefinition[] =>
  ALL_CONSUMERS.filter((consumer) => consumer.message.subject === message.subject);

function channel(message: MessageDefinition): JsonObject {
  const { entity, event, version } = parseSubject(message.subject);
  const name = messageName(message.subject);
  const result: JsonObject = {
    address: message.subject,
    title: `${entity}.${event} v${version}`,
    description: channelDescription(message),
    messages: { [name]: ref(`#/components/messages/${name}`) },
    'x-agentbus-kind': message.kind,
  };
  if (isStreamed(message)) result['x-agentbus-stream'] = streamFor(message.subject).name;
  if (message.eventLogOnly) result['x-agentbus-event-log-only'] = true;
  return result;
}

const channelMessageRef = (message: MessageDefinition): JsonObject =>
  ref(
    `#/channels/${escapePointer(channelKey(message.subject))}/messages/${messageName(message.subject)}`,
  );

function sendOperation(message: MessageDefinition): JsonObject {
  const stream = streamFor(message.subject);
  return {
    action: 'send',
    channel: channelRef(channelKey(message.subject)),
    title: `Publish ${message.subject}`,
    summary: message.description,
    description:
      `Agent Bus publishes it to \`${stream.name}\` with \`${HEADERS.msgId}\` set to the ` +
      'envelope id (server-side deduplication) and a W3C `traceparent` when tracing is on.',
    messages: [channelMessageRef(message)],
  };
}

function receiveOperation(consumer: ConsumerDefinition): JsonObject {
  return {
    action: 'receive',
    channel: channelRef(channelKey(consumer.message.subject)),
    title: `${consumer.durable} (${consumer.app})`,
    summary: `${consumer.app} handles ${consumer.message.subject}`,
    description:
      `Durable pull consumer \`${consumer.durable}\` on stream \`${consumer.stream}\`, filtered on ` +
      `the subject, explicit acks. Ack wait ${duration(consumer.ackWaitMs)} (progress acks while ` +
      `the handler runs); at most ${consumer.maxDeliver} deliveries, retried after ` +
      `${duration(consumer.backoffMs)} doubling up to ${duration(consumer.maxBackoffMs)}; ` +
      `${consumer.concurrency} in flight per process, replicas share the durable. Invalid or ` +
      'permanently failing messages, and those out of deliveries, go to the dead-letter queue.',
    messages: [channelMessageRef(consumer.message)],
    'x-agentbus-durable': {
      name: consumer.durable,
      app: consumer.app,
      stream: consumer.stream,
      ackWaitMs: consumer.ackWaitMs,
      maxDeliver: consumer.maxDeliver,
      backoffMs: consumer.backoffMs,
      maxBackoffMs: consumer.maxBackoffMs,
      concurrency: consumer.concurrency,
    },
  };
}

function answerOperation(query: QueryDefinition): JsonObject {
  const key = channelKey(query.subject);
  return {
    action: 'receive',
    channel: channelRef(key),
    title: `Answer ${query.subject}`,
    summary: query.request.description,
    messages: [channelMessageRef(query.request)],
    reply: {
      channel: channelRef(`${key}.reply`),
      messages: [
        ref(
          `#/channels/${escapePointer(`${key}.reply`)}/messages/${messageName(query.subject)}Reply`,
        ),
      ],
    },
    bindings: { nats: { queue: defaultQueueGroup(query.subject), bindingVersion: '0.1.0' } },
  };
}

const INFO_DESCRIPTION = [
  'Every message between the Agent Bus services, and everything another system can consume from ' +
    'the bus. Generated from `libs/contracts` by `tools/scripts/asyncapi.ts`; ' +
    '`docs/INTEGRATING.md` explains how to use it.',
  [
    '- **Subjects** follow `agentbus.<domain>.v<major>.<entity>.<event>`; events are past-tense ' +
      'facts, a command is the fact that something was requested. Wildcards work on the fixed ' +
      'shape: `agentbus.workflow.>`, `agentbus.*.v1.*.failed`.',
    '- **Streams**: one per domain, limits retention, so any number of durables can read the ' +
      'same facts. The `rpc` domain is request/reply and has no stream.',
    '- **Envelope**: every payload is `{ id, type, source, time, correlationId, causationId?, ' +
      'data }`; `id` is a uuid and doubles as `Nats-Msg-Id`; `type` is the canonical subject; ' +
      '`correlationId` is the project id.',
    '- **Idempotency**: delivery is at least once; record handled envelope ids and skip repeats.',
    '- **Namespaces**: a deployment (or a test run) may set `BUS_NAMESPACE=<ns>`; subjects are ' +
      'then prefixed `<ns>.` and streams `<NS>_`, while the envelope `type` stays canonical.',
  ].join('\n'),
].join('\n\n');

/** The AsyncAPI document for contracts package `version`. */
export function asyncApiDocument(version: string): JsonObject {
  const messages = [...allMessages()].sort((a, b) => a.subject.localeCompare(b.subject));
  const queries = [...allQueries()].sort((a, b) => a.subject.localeCompare(b.subject));
  const channels: JsonObject = {};
  const operations: JsonObject = {};
  const componentMessages: JsonObject = {};
  const schemas: JsonObject = { ...HEADER_SCHEMAS };

  for (const message of messages) {
    const name = messageName(message.subject);
    channels[channelKey(message.subject)] = channel(message);
    componentMessages[name] = componentMessage(message);
    schemas[name] = jsonSchemaOf(message.envelope);
    if (isStreamed(message) && !message.eventLogOnly) {
      operations[`send.${channelKey(message.subject)}`] = sendOperation(message);
    }
  }
  for (const query of queries) {
    const key = `${channelKey(query.subject)}.reply`;
    const name = `${messageName(query.subject)}Reply`;
    channels[key] = {
      address: null,
      title: `reply to ${query.subject}`,
      description: "The asker's inbox subject, chosen per request by the NATS client.",
      messages: { [name]: ref(`#/components/messages/${name}`) },
    };
    componentMessages[name] = replyMessage(query);
    schemas[name] = jsonSchemaOf(query.reply);
    operations[`receive.${channelKey(query.subject)}`] = answerOperation(query);
  }
  for (const consumer of ALL_CONSUMERS) {
    const key = `receive.${consumer.durable}`;
    if (key in operations) throw new Error(`two durables are named ${consumer.durable}`);
    operations[key] = receiveOperation(consumer);
  }

  return {
    asyncapi: ASYNCAPI_VERSION,
    info: {
      title: 'Agent Bus',
      version,
      description: INFO_DESCRIPTION,
      tags: ['workflow', 'task', 'gpu', 'memory', 'skills', 'dlq', 'rpc'].map((name) => ({
        name,
      })),
    },
    defaultContentType: 'application/json',
    servers: {
      nats: {
        host: '{host}:{port}',
        protocol: 'nats',
        description:
          "The deployment's NATS server with JetStream (`NATS_URL`). Production runs a 3-node " +
          'cluster with R3 streams; a laptop uses one server.',
        variables: {
          host: { default: '127.0.0.1', description: 'NATS host or Kubernetes Service name.' },
          port: { default: '4222' },
        },
      },
    },
    channels,
    operations: sortedKeys(operations),
    components: { schemas: sortedKeys(schemas), messages: sortedKeys(componentMessages) },
  };
}

const sortedKeys = (object: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
