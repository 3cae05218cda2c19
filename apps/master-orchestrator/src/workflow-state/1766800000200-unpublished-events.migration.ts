import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The workflow events still to publish. A decision's event used to be written twice in its commit:
 * as its `events` row (the audit log SSE reads) and as an outbox row with the same envelope. Now
 * the `events` row is the message and this table only names the ones not yet acked by JetStream
 * (a 16-byte key, deleted on the ack); the envelope's one field `events` lacks, `causation_id`,
 * lives here until then. Deleting an event (retention, project deletion) drops its entry too.
 * Outbox rows written before this migration are still relayed from the outbox.
 */
export class UnpublishedEvents1766800000200 implements MigrationInterface {
  readonly name = 'UnpublishedEvents1766800000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE unpublished_events (
        event_id uuid PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
        causation_id uuid
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE IF EXISTS unpublished_events');
  }
}
