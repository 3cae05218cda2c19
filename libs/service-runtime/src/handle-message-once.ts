import { type ConsumerDefinition, type Envelope } from '@agentbus/contracts';
import { faultPoint } from '@agentbus/config';
import {
  type HandleOnceResult,
  type OutboxWriter,
  type SqlTx,
  handleOnce,
} from '@agentbus/persistence';
import { type DataSource } from 'typeorm';
import { currentTraceHeaders } from './trace-headers.util';

/**
 * The body of every handler with a durable effect (DESIGN §6): the inbox row, the state change and
 * the outgoing messages commit in one transaction; a redelivered copy only acks. Outgoing messages
 * carry the handler's trace context, so the relay continues the trace.
 */
export async function handleMessageOnce<T>(
  dataSource: DataSource,
  consumer: ConsumerDefinition,
  envelope: Envelope,
  work: (tx: SqlTx, outbox: OutboxWriter) => Promise<T>,
): Promise<HandleOnceResult<T>> {
  const result = await handleOnce(
    dataSource,
    { consumer: consumer.durable, messageId: envelope.id },
    (tx, outbox) =>
      work(tx, {
        add: (message, headers) => outbox.add(message, headers ?? currentTraceHeaders()),
        addHeld: (message, source, headers) =>
          outbox.addHeld(message, source, headers ?? currentTraceHeaders()),
      }),
  );
  // Committed but not yet acked: the crash window the inbox exists for.
  faultPoint('after-commit-before-ack');
  return result;
}
