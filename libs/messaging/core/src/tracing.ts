import { type MsgHdrs } from '@nats-io/transport-node';
import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { natsHeaderGetter, natsHeaderSetter } from './headers';

// A ProxyTracer: it follows whatever provider the app's instrument.ts installs, even later on.
const tracer = trace.getTracer('@agentbus/messaging');

const baseAttributes = (subject: string, wireSubject: string): Attributes => ({
  'messaging.system': 'nats',
  'messaging.destination.name': wireSubject,
  'agentbus.subject': subject,
});

/** Starts a span under `parent` (default: the active context) and returns it with its context. */
export function startSpan(
  name: string,
  kind: SpanKind,
  attributes: Attributes,
  parent: Context = context.active(),
): { span: Span; ctx: Context } {
  const span = tracer.startSpan(name, { kind, attributes }, parent);
  return { span, ctx: trace.setSpan(parent, span) };
}

/** Producer span `publish <subject>`; its context goes into the message headers. */
export const startProducerSpan = (
  subject: string,
  wireSubject: string,
  messageId: string,
  parent?: Context,
): { span: Span; ctx: Context } =>
  startSpan(
    `publish ${subject}`,
    SpanKind.PRODUCER,
    { ...baseAttributes(subject, wireSubject), 'messaging.message.id': messageId },
    parent,
  );

/** Consumer span `process <subject>`, a child of the producer span found in the headers. */
export const startConsumerSpan = (
  subject: string,
  wireSubject: string,
  headers: MsgHdrs | undefined,
  attributes: Attributes,
): { span: Span; ctx: Context } =>
  startSpan(
    `process ${subject}`,
    SpanKind.CONSUMER,
    { ...baseAttributes(subject, wireSubject), ...attributes },
    extractTrace(headers),
  );

/** Writes the W3C trace headers of `ctx` (no-op when no propagator is installed). */
export const injectTrace = (ctx: Context, headers: MsgHdrs): void =>
  propagation.inject(ctx, headers, natsHeaderSetter);

/** The remote trace context carried by message headers, or the root context. */
export const extractTrace = (headers: MsgHdrs | undefined): Context =>
  headers ? propagation.extract(ROOT_CONTEXT, headers, natsHeaderGetter) : ROOT_CONTEXT;

/** Ends a span with the error recorded, if any. */
export function endSpan(span: Span, error?: unknown): void {
  if (error !== undefined) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({
      code: SpanStatusCode.ERROR,
      message: error instanceof Error ? error.message : String(error),
    });
  }
  span.end();
}
