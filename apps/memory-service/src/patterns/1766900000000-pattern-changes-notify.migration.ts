import { schemaOf } from '@agentbus/persistence';
import { type MigrationInterface, type QueryRunner } from 'typeorm';
import { patternChangesChannel } from './pattern-changes.channel';

/**
 * Every committed change to a pattern that a search reads (inserted, deleted, or updated in its
 * type, project, text, embedder or vector) NOTIFYs `<schema>_patterns` with the pattern's id, so
 * each replica's copy in memory (`PatternMirrorFeed`) reads that row again. One notification per
 * row (Postgres folds repeats of one id within a transaction): an id never overflows a payload,
 * as a statement's list of ids would. Usage counts and success scores move without a notification.
 */
export class PatternChangesNotify1766900000000 implements MigrationInterface {
  readonly name = 'PatternChangesNotify1766900000000';

  async up(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner.connection);
    await runner.query(`
      CREATE FUNCTION "${schema}".patterns_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('${patternChangesChannel(schema)}',
          CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
        RETURN NULL;
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER patterns_notify_written AFTER INSERT OR DELETE ON "${schema}".patterns
      FOR EACH ROW EXECUTE FUNCTION "${schema}".patterns_notify()`);
    await runner.query(`
      CREATE TRIGGER patterns_notify_updated AFTER UPDATE ON "${schema}".patterns
      FOR EACH ROW WHEN (
        OLD.type IS DISTINCT FROM NEW.type
        OR OLD.metadata IS DISTINCT FROM NEW.metadata
        OR OLD.content_sha256 IS DISTINCT FROM NEW.content_sha256
        OR OLD.indexed_embedder IS DISTINCT FROM NEW.indexed_embedder
        OR OLD.vector IS DISTINCT FROM NEW.vector
      ) EXECUTE FUNCTION "${schema}".patterns_notify()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const schema = schemaOf(runner.connection);
    await runner.query(`DROP TRIGGER IF EXISTS patterns_notify_updated ON "${schema}".patterns`);
    await runner.query(`DROP TRIGGER IF EXISTS patterns_notify_written ON "${schema}".patterns`);
    await runner.query(`DROP FUNCTION IF EXISTS "${schema}".patterns_notify()`);
  }
}
