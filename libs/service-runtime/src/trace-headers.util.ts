import { type OutboxHeaders } from '@agentbus/persistence';
import { context, propagation } from '@opentelemetry/api';

/** The W3C trace headers of the active context, to store with outbox rows. */
export function currentTraceHeaders(): OutboxHeaders {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return {
    ...(carrier['traceparent'] ? { traceparent: carrier['traceparent'] } : {}),
    ...(carrier['tracestate'] ? { tracestate: carrier['tracestate'] } : {}),
  };
}
