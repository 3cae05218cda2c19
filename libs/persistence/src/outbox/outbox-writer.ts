import { type Envelope } from '@agentbus/contracts';
import { type EntityManager } from 'typeorm';
import { qualifiedName } from '../data-source/qualified-name.util';
import { type OutboxMessage } from '../relay/outbox-message';
import { type SqlTx } from '../tx/sql-tx';
import { checkedEnvelope } from './checked-envelope.util';
import { outboxChannel } from './outbox-channel.util';
import { type OutboxHeaders } from './outbox-headers';

/** Writes the messages a transaction causes; they are published once it has committed. */
export interface OutboxWriter {
  /** Validates `envelope` against its contract and inserts it; its id becomes `Nats-Msg-Id`. */
  add(envelope: Envelope, headers?: OutboxHeaders): Promise<void>;
}

/** The {@link OutboxWriter} of one transaction; it keeps what it wrote for the direct publisher. */
export class TransactionalOutbox implements OutboxWriter {
  readonly messages: OutboxMessage[] = [];
  private readonly table: string;

  constructor(
    private readonly tx: EntityManager | SqlTx,
    private readonly schema: string,
  ) {
    this.table = qualifiedName(schema, 'outbox');
  }

  async add(envelope: Envelope, headers: OutboxHeaders = {}): Promise<void> {
    const checked = checkedEnvelope(envelope);
    const sql = `INSERT INTO ${this.table} (id, subject, envelope, headers)
       VALUES ($1, $2, $3::jsonb, $4::jsonb)`;
    const params = [
      checked.envelope.id,
      checked.envelope.type,
      checked.json,
      JSON.stringify(headers),
    ];
    // A pipelined transaction sends the insert with its next round trip (no answer is needed).
    if ('defer' in this.tx) this.tx.defer(sql, params);
    else await this.tx.query(sql, params);
    this.messages.push({
      id: checked.envelope.id,
      subject: checked.envelope.type,
      envelope: checked.envelope,
      headers,
    });
  }

  /** Queues a NOTIFY that Postgres delivers only if and when the transaction commits. */
  async notifyRelay(): Promise<void> {
    if (this.messages.length === 0) return;
    const sql = `SELECT pg_notify($1, '')`;
    if ('defer' in this.tx) this.tx.defer(sql, [outboxChannel(this.schema)]);
    else await this.tx.query(sql, [outboxChannel(this.schema)]);
  }
}
