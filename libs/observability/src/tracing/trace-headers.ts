import { type Context, context, propagation, ROOT_CONTEXT } from '@opentelemetry/api';

/**
 * Writes the trace headers (`traceparent`, `tracestate`, `baggage`) of `ctx`, by default the
 * active context, through `setHeader`: for NATS message headers or outgoing HTTP calls.
 */
export function injectTraceHeaders(
  setHeader: (key: string, value: string) => void,
  ctx: Context = context.active(),
): void {
  propagation.inject(ctx, undefined, { set: (_carrier, key, value) => setHeader(key, value) });
}

/**
 * The remote parent carried by incoming headers, read through `getHeader`. It is laid over the
 * root context, not the active one: a received message starts from its sender's trace only.
 */
export function extractTraceContext(
  getHeader: (key: string) => string | undefined,
  parent: Context = ROOT_CONTEXT,
): Context {
  return propagation.extract(parent, undefined, {
    get: (_carrier, key) => getHeader(key),
    keys: () => [],
  });
}
