import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A message a consumer has applied (DESIGN §6); its presence makes a redelivery a no-op. */
@Entity({ name: 'inbox' })
export class InboxEntry {
  /** The durable consumer name, e.g. `orch-stage-completed`. */
  @PrimaryColumn({ type: 'text' })
  consumer!: string;

  /** The envelope id (= `Nats-Msg-Id`). */
  @PrimaryColumn({ type: 'uuid' })
  messageId!: string;

  @Column({ type: 'timestamptz' })
  processedAt!: Date;
}
