import { type HEADERS } from '@agentbus/contracts';

/** Headers stored with an outbox row and handed to `publish`; the W3C trace context, mostly. */
export type OutboxHeaders = Readonly<
  Partial<Record<typeof HEADERS.traceparent | typeof HEADERS.tracestate, string>>
>;
