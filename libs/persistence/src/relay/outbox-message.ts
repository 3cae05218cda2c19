import { type Envelope } from '@agentbus/contracts';
import { type OutboxHeaders } from '../outbox/outbox-headers';

/** What the relay hands to `publish`: publish `envelope` to `subject` with `Nats-Msg-Id` = `id`. */
export interface OutboxMessage {
  readonly id: string;
  readonly subject: string;
  readonly envelope: Envelope;
  readonly headers: OutboxHeaders;
}

/** Publishes one outbox message (e.g. to JetStream); resolves once the server has stored it. */
export type PublishOutboxMessage = (message: OutboxMessage) => Promise<void>;
