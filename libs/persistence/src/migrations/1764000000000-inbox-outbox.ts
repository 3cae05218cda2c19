import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { qualifiedName } from '../data-source/qualified-name.util';
import { schemaOf } from '../data-source/schema-of.util';

/** Creates `inbox` and `outbox` in the service schema (DESIGN §6, retention per §17). */
export class InboxOutbox1764000000000 implements MigrationInterface {
  readonly name = 'InboxOutbox1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner.connection);
    const inbox = qualifiedName(schema, 'inbox');
    const outbox = qualifiedName(schema, 'outbox');
    await queryRunner.query(`
      CREATE TABLE ${inbox} (
        consumer     text        NOT NULL,
        message_id   uuid        NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT inbox_pkey PRIMARY KEY (consumer, message_id)
      )`);
    // Retention deletes by age.
    await queryRunner.query(`CREATE INDEX inbox_processed_at_idx ON ${inbox} (processed_at)`);
    await queryRunner.query(`
      CREATE TABLE ${outbox} (
        id               uuid        NOT NULL,
        seq              bigserial   NOT NULL,
        subject          text        NOT NULL,
        envelope         jsonb       NOT NULL,
        headers          jsonb       NOT NULL DEFAULT '{}'::jsonb,
        created_at       timestamptz NOT NULL DEFAULT now(),
        sent_at          timestamptz,
        publish_attempts integer     NOT NULL DEFAULT 0,
        last_error       text,
        CONSTRAINT outbox_pkey PRIMARY KEY (id)
      )`);
    // The relay's claim query: unsent rows in seq order. Stays small because sent rows drop out.
    await queryRunner.query(
      `CREATE INDEX outbox_unsent_seq_idx ON ${outbox} (seq) WHERE sent_at IS NULL`,
    );
    // Retention deletes sent rows by age.
    await queryRunner.query(
      `CREATE INDEX outbox_sent_at_idx ON ${outbox} (sent_at) WHERE sent_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const schema = schemaOf(queryRunner.connection);
    await queryRunner.query(`DROP TABLE ${qualifiedName(schema, 'outbox')}`);
    await queryRunner.query(`DROP TABLE ${qualifiedName(schema, 'inbox')}`);
  }
}
