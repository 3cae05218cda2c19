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
  envelopeJson,
  parseEnvelope,
  wireSubject,
} from '@agentbus/contracts';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { type Context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';
import { type Bus } from './bus';
import { PublishFailedError } from './errors';
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
  publish<D extends MessageDefinition>(
    definition: D,
    data: DataOf<D>,
    meta: EnvelopeMeta,
  ): Promise<PublishResult> {
    // Not `async`: one promise less per message on the hot path; a contract error still rejects.
    let envelope: MessageOf<D>;
    try {
      envelope = createEnvelope(definition, data, meta);
    } catch (error) {
      return Promise.reject(error);
    }
    return sendEnvelope(this.bus, envelope, this.metrics);
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
    return sendEnvelope(this.bus, parseEnvelope(definition, envelope), this.metrics, {
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

/** Extra inputs of {@link sendEnvelope}. */
interface SendOptions {
  parent?: Context | undefined;
  trace?: StoredTrace | undefined;
  headers?: Readonly<Record<string, string>> | undefined;
}

const NO_OPTIONS: SendOptions = {};

/**
 * @internal Publishes an envelope that is already valid; shared with dead-lettering. Failures are
 * wrapped in {@link PublishFailedError}, created here so its async stack shows the caller.
 */
export async function sendEnvelope(
  bus: Bus,
  envelope: MessageOf<MessageDefinition>,
  metrics: MessagingMetricsHooks | undefined,
  options: SendOptions = NO_OPTIONS,
): Promise<PublishResult> {
  const subject = wireSubject(bus.namespace, envelope.type);
  const started = metrics ? performance.now() : 0;
  const { span, ctx } = startProducerSpan(envelope.type, subject, envelope.id, options.parent);
  try {
    const headers = buildHeaders(ctx, options);
    const ack = await bus.js.publish(
      subject,
      envelopeJson(envelope),
      headers ? { msgID: envelope.id, headers } : { msgID: envelope.id },
    );
    if (span.isRecording()) span.setAttribute('messaging.nats.stream.sequence', ack.seq);
    endSpan(span);
    metrics?.observePublish(envelope.type, (performance.now() - started) / 1_000);
    return { seq: ack.seq, duplicate: ack.duplicate };
  } catch (error) {
    endSpan(span, error);
    throw new PublishFailedError(envelope.type, envelope.id, { cause: error });
  }
}

/** Trace and extra headers, if any (`Nats-Msg-Id` is added by the client from `msgID`). */
function buildHeaders(ctx: Context | undefined, options: SendOptions): MsgHdrs | undefined {
  const stored = options.trace?.traceparent === undefined ? undefined : options.trace;
  if (!ctx && !stored && !options.headers) return undefined;
  const headers = natsHeaders();
  if (ctx) injectTrace(ctx, headers);
  // Without an OpenTelemetry SDK nothing is injected; a stored trace still travels unchanged.
  if (stored?.traceparent !== undefined && !headers.has(HEADERS.traceparent)) {
    headers.set(HEADERS.traceparent, stored.traceparent);
    if (stored.tracestate !== undefined) headers.set(HEADERS.tracestate, stored.tracestate);
  }
  if (options.headers) {
    for (const [key, value] of Object.entries(options.headers)) headers.set(key, value);
  }
  return headers;
}
