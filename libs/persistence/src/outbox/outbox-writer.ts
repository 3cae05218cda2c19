import { type Envelope } from '@agentbus/contracts';
import { type EntityManager } from 'typeorm';
import { qualifiedName } from '../data-source/qualified-name.util';
import { type RelaySource, sourceChannel } from '../relay/relay-source';
import { type SqlTx } from '../tx/sql-tx';
import { checkedEnvelope } from './checked-envelope.util';
import { type CommittedMessage } from './direct-publisher';
import { outboxChannel } from './outbox-channel.util';
import { type OutboxHeaders } from './outbox-headers';

/** Writes the messages a transaction causes; they are published once it has committed. */
export interface OutboxWriter {
  /** Validates `envelope` against its contract and inserts it; its id becomes `Nats-Msg-Id`. */
  add(envelope: Envelope, headers?: OutboxHeaders): Promise<void>;
  /**
   * Publishes `envelope` after the commit without an outbox row: the transaction has written a row
   * of `source` that holds it and marks it unpublished, which the source's relay republishes if
   * this process dies first. Validates it like {@link OutboxWriter.add}. `headers` go with the
   * direct publish only (a republish has none).
   */
  addHeld(envelope: Envelope, source: RelaySource, headers?: OutboxHeaders): void;
}

/** The {@link OutboxWriter} of one transaction; it keeps what it wrote for the direct publisher. */
export class TransactionalOutbox implements OutboxWriter {
  /** What to publish once committed, in the order written. */
  readonly messages: CommittedMessage[] = [];
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
    this.messages.push({ message: messageOf(checked.envelope, headers) });
  }

  addHeld(envelope: Envelope, source: RelaySource, headers: OutboxHeaders = {}): void {
    this.messages.push({ message: messageOf(checkedEnvelope(envelope).envelope, headers), source });
  }

  /** Queues a NOTIFY per relay with new rows; Postgres delivers it only if the transaction commits. */
  async notifyRelay(): Promise<void> {
    const channels = new Set(
      this.messages.map(({ source }) =>
        source === undefined ? outboxChannel(this.schema) : sourceChannel(this.schema, source),
      ),
    );
    for (const channel of channels) {
      const sql = `SELECT pg_notify($1, '')`;
      if ('defer' in this.tx) this.tx.defer(sql, [channel]);
      else await this.tx.query(sql, [channel]);
    }
  }
}

const messageOf = (envelope: Envelope, headers: OutboxHeaders): CommittedMessage['message'] => ({
  id: envelope.id,
  subject: envelope.type,
  envelope,
  headers,
});
