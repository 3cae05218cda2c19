import { eventsChannel, schemaOf } from '@agentbus/persistence';
import { type MigrationInterface, type QueryRunner } from 'typeorm';

// NOTIFY payloads must stay under 8000 bytes; a longer list becomes '' ("read every followed
// project"), which costs the listener one wider read and loses nothing.
const MAX_PAYLOAD_BYTES = 7_999;

/**
 * Every statement that appends `events` NOTIFYs `<schema>_events` with the distinct project ids it
 * wrote, comma-joined, so SSE followers are woken by the events themselves instead of polling.
 * Postgres delivers the notification at commit, after the rows are visible.
 */
export class EventsNotify1764800000000 implements MigrationInterface {
  readonly name = 'EventsNotify1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner.connection);
    await runner.query(`
      CREATE FUNCTION "${schema}".events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ids text;
      BEGIN
        SELECT string_agg(DISTINCT project_id::text, ',') INTO ids FROM appended;
        IF ids IS NULL THEN
          RETURN NULL;
        END IF;
        IF octet_length(ids) > ${MAX_PAYLOAD_BYTES} THEN
          ids := '';
        END IF;
        PERFORM pg_notify('${eventsChannel(schema)}', ids);
        RETURN NULL;
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER events_notify AFTER INSERT ON "${schema}".events
      REFERENCING NEW TABLE AS appended
      FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".events_notify()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner.connection);
    await runner.query(`DROP TRIGGER IF EXISTS events_notify ON "${schema}".events`);
    await runner.query(`DROP FUNCTION IF EXISTS "${schema}".events_notify()`);
  }
}
