import { type Envelope } from '@agentbus/contracts';
import { type DeliveryContext } from '@agentbus/messaging';
import { type LogContext } from '@agentbus/observability';

/**
 * The log fields of one delivery (STYLE §1.6): every line a handler writes carries the project
 * (`correlationId`, and `projectId` when the payload names one), the message's id and its cause,
 * the subject and the delivery count, as the bus's own retry lines do. The trace ids come from the
 * span the bus makes active for the delivery.
 */
export function messageLogContext(message: Envelope, delivery: DeliveryContext): LogContext {
  const data: unknown = message.data;
  const projectId =
    typeof data === 'object' && data !== null && 'projectId' in data ? data.projectId : undefined;
  return {
    correlationId: message.correlationId,
    projectId: typeof projectId === 'string' ? projectId : undefined,
    messageId: message.id,
    causationId: message.causationId,
    subject: delivery.subject,
    deliveryCount: delivery.deliveryCount,
  };
}
