import { type MsgHdrs } from '@nats-io/transport-node';
import {
  type Attributes,
  type Context,
  context,
  isSpanContextValid,
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

/**
 * A span to activate and propagate, or `undefined` when tracing is off (no SDK and no incoming trace):
 * then the bus skips context switches and trace headers, so an untraced message pays almost nothing.
 */
export interface TracedSpan {
  readonly span: Span;
  readonly ctx: Context | undefined;
}

const traced = (parent: Context, span: Span): TracedSpan => ({
  span,
  ctx:
    span.isRecording() || isSpanContextValid(span.spanContext())
      ? trace.setSpan(parent, span)
      : undefined,
});

/** Producer span `publish <subject>`; its context goes into the message headers. */
export function startProducerSpan(
  subject: string,
  wireSubject: string,
  messageId: string,
  parent: Context = context.active(),
): TracedSpan {
  const span = tracer.startSpan(`publish ${subject}`, { kind: SpanKind.PRODUCER }, parent);
  if (span.isRecording()) {
    span.setAttributes({
      ...baseAttributes(subject, wireSubject),
      'messaging.message.id': messageId,
    });
  }
  return traced(parent, span);
}

/**
 * Consumer span `process <subject>`, a child of the producer span found in the headers. Extra
 * attributes are computed only for a recording span.
 */
export function startConsumerSpan(
  subject: string,
  wireSubject: string,
  headers: MsgHdrs | undefined,
  attributes: () => Attributes,
): TracedSpan {
  const parent = extractTrace(headers);
  const span = tracer.startSpan(`process ${subject}`, { kind: SpanKind.CONSUMER }, parent);
  if (span.isRecording()) {
    span.setAttributes({ ...baseAttributes(subject, wireSubject), ...attributes() });
  }
  return traced(parent, span);
}

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
