import { type Envelope } from '@agentbus/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { type OutboxHeaders } from './outbox-headers';

/** A message written in the same transaction as the state change that caused it (DESIGN §6). */
@Entity({ name: 'outbox' })
export class OutboxEntry {
  /** The envelope id, published as `Nats-Msg-Id` so JetStream drops a republished copy. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** Publication order (bigserial; int8 arrives as a string). */
  @Column({ type: 'bigint', insert: false, update: false })
  seq!: string;

  /** The canonical subject (= `envelope.type`); the publisher adds any namespace. */
  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'jsonb' })
  envelope!: Envelope;

  @Column({ type: 'jsonb' })
  headers!: OutboxHeaders;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  /** Null until the relay has published the row and committed. */
  @Column({ type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @Column({ type: 'integer' })
  publishAttempts!: number;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;
}
