import { type Envelope } from '@agentbus/contracts';
import { type EntityManager } from 'typeorm';
import { qualifiedName } from '../data-source/qualified-name.util';
import { checkedEnvelope } from './checked-envelope.util';
import { outboxChannel } from './outbox-channel.util';
import { type OutboxHeaders } from './outbox-headers';

/** Writes the messages a transaction causes; the relay publishes them once it has committed. */
export interface OutboxWriter {
  /** Validates `envelope` against its contract and inserts it; its id becomes `Nats-Msg-Id`. */
  add(envelope: Envelope, headers?: OutboxHeaders): Promise<void>;
}

/** The {@link OutboxWriter} of one transaction. */
export class TransactionalOutbox implements OutboxWriter {
  private added = 0;

  constructor(
    private readonly tx: EntityManager,
    private readonly schema: string,
  ) {}

  async add(envelope: Envelope, headers: OutboxHeaders = {}): Promise<void> {
    const checked = checkedEnvelope(envelope);
    await this.tx.query(
      `INSERT INTO ${qualifiedName(this.schema, 'outbox')} (id, subject, envelope, headers)
       VALUES ($1, $2, $3::jsonb, $4::jsonb)`,
      [checked.envelope.id, checked.envelope.type, checked.json, JSON.stringify(headers)],
    );
    this.added += 1;
  }

  /** Queues a NOTIFY that Postgres delivers only if and when the transaction commits. */
  async notifyRelay(): Promise<void> {
    if (this.added === 0) return;
    await this.tx.query(`SELECT pg_notify($1, '')`, [outboxChannel(this.schema)]);
  }
}
