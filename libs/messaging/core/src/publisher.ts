import {
  createEnvelope,
  type DataOf,
  type Envelope,
  type EnvelopeMeta,
  HEADERS,
  InvalidMessageError,
  type MessageDefinition,
  messageFor,
  type MessageOf,
  parseEnvelope,
  wireSubject,
} from '@agentbus/contracts';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { type Context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { type Bus } from './bus';
import { type MessagingMetricsHooks } from './hooks';
import { endSpan, injectTrace, startProducerSpan } from './tracing';

/** The stream's answer to a publish. `duplicate` means the id was already stored (deduped). */
export interface PublishResult {
  readonly seq: number;
  readonly duplicate: boolean;
}

/** W3C trace headers stored with an outbox row, so a relayed message continues its trace. */
export interface StoredTrace {
  traceparent?: string | undefined;
  tracestate?: string | undefined;
}

/** Publishes validated envelopes to JetStream (ids become `Nats-Msg-Id` for server-side dedupe). */
export class Publisher {
  constructor(
    private readonly bus: Bus,
    private readonly metrics: MessagingMetricsHooks | undefined = bus.metrics,
  ) {}

  /**
   * Builds the envelope (throwing {@link InvalidMessageError} before anything is sent when the data
   * breaks the contract) and publishes it under a `publish <subject>` producer span.
   */
  async publish<D extends MessageDefinition>(
    definition: D,
    data: DataOf<D>,
    meta: EnvelopeMeta,
  ): Promise<PublishResult> {
    return sendEnvelope(this.bus, createEnvelope(definition, data, meta), {
      metrics: this.metrics,
    });
  }

  /**
   * Publishes a pre-built envelope (the outbox relay's stored rows), validated against the contract
   * of its `type`. A stored `traceparent` becomes the parent of the producer span.
   */
  async publishEnvelope(envelope: Envelope, trace: StoredTrace = {}): Promise<PublishResult> {
    const definition = messageFor(envelope.type);
    if (!definition) {
      throw new InvalidMessageError(envelope.type, ['type: no contract defines this message type']);
    }
    return sendEnvelope(this.bus, parseEnvelope(definition, envelope), {
      metrics: this.metrics,
      parent: storedContext(trace),
      trace,
    });
  }
}

function storedContext(trace: StoredTrace): Context | undefined {
  if (trace.traceparent === undefined) return undefined;
  const carrier: Record<string, string> = { traceparent: trace.traceparent };
  if (trace.tracestate !== undefined) carrier['tracestate'] = trace.tracestate;
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/** @internal Publishes an envelope that is already valid; shared with dead-lettering. */
export async function sendEnvelope(
  bus: Bus,
  envelope: MessageOf<MessageDefinition>,
  options: {
    metrics?: MessagingMetricsHooks | undefined;
    parent?: Context | undefined;
    trace?: StoredTrace | undefined;
    headers?: Readonly<Record<string, string>> | undefined;
  } = {},
): Promise<PublishResult> {
  const subject = wireSubject(bus.namespace, envelope.type);
  const started = performance.now();
  const { span, ctx } = startProducerSpan(envelope.type, subject, envelope.id, options.parent);
  const headers = buildHeaders(ctx, envelope.id, options);
  try {
    const ack = await bus.js.publish(subject, JSON.stringify(envelope), {
      msgID: envelope.id,
      headers,
    });
    span.setAttribute('messaging.nats.stream.sequence', ack.seq);
    endSpan(span);
    options.metrics?.observePublish(envelope.type, (performance.now() - started) / 1_000);
    return { seq: ack.seq, duplicate: ack.duplicate };
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

function buildHeaders(
  ctx: Context,
  id: string,
  options: {
    trace?: StoredTrace | undefined;
    headers?: Readonly<Record<string, string>> | undefined;
  },
): MsgHdrs {
  const headers = natsHeaders();
  headers.set(HEADERS.msgId, id);
  injectTrace(ctx, headers);
  // Without an OpenTelemetry SDK nothing is injected; a stored trace still travels unchanged.
  const stored = options.trace;
  if (stored?.traceparent !== undefined && !headers.has(HEADERS.traceparent)) {
    headers.set(HEADERS.traceparent, stored.traceparent);
    if (stored.tracestate !== undefined) headers.set(HEADERS.tracestate, stored.tracestate);
  }
  for (const [key, value] of Object.entries(options.headers ?? {})) headers.set(key, value);
  return headers;
}
