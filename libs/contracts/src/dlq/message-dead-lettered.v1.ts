import { z } from 'zod';
import { defineMessage, type MessageOf } from '../define-message';

/**
 * A message that could not be handled: invalid, permanently failing, or out of deliveries. The
 * original bytes are kept (base64) so an operator can fix the cause and replay it.
 */
export const MessageDeadLetteredV1 = defineMessage({
  domain: 'dlq',
  version: 1,
  entity: 'message',
  event: 'dead-lettered',
  kind: 'event',
  description: 'a message was taken off its consumer, with the reason',
  data: z.strictObject({
    subject: z.string(),
    stream: z.string(),
    consumer: z.string(),
    streamSequence: z.number().int().nonnegative(),
    deliveryCount: z.number().int().nonnegative(),
    reason: z.string().max(8_000),
    errorName: z.string().max(200),
    originalId: z.string().optional(),
    headers: z.record(z.string(), z.array(z.string())),
    payloadBase64: z.string(),
  }),
});
export type MessageDeadLetteredV1 = MessageOf<typeof MessageDeadLetteredV1>;
