import { randomBytes } from 'node:crypto';
import { type SqlRows } from '@agentbus/memory';
import { Client } from 'pg';

/** A synthetic pattern's row: what the sibling membership query reads. */
export interface BenchRow {
  readonly id: string;
  readonly type: string;
  readonly projectId: string;
  /** Its vector, as memory-service keeps it beside the row (float32). */
  readonly vector: Float32Array;
}

/**
 * The benchmark's patterns in Postgres, in a schema of its own: the columns of memory-service's
 * `patterns` table that `SqlGroupMembers` and `SqlVectors` read, with the service's project index
 * (apps/memory-service/src/patterns/1766700000000-pattern-groups.migration.ts), so the search
 * reads its siblings' membership as the service does. Dropped at the end.
 */
export async function openBenchStore(url: string, embedder: string) {
  const schema = `bench_memory_${randomBytes(4).toString('hex')}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  await client.query(`
    CREATE TABLE patterns (
      id text PRIMARY KEY,
      type text NOT NULL,
      source text NOT NULL,
      metadata jsonb NOT NULL DEFAULT '{}',
      content_sha256 text NOT NULL,
      indexed_embedder text,
      vector bytea
    )`);
  await client.query(`CREATE INDEX patterns_group ON patterns ((metadata ->> 'projectId'))`);
  const sql: SqlRows = {
    query: async (text, params) => (await client.query(text, params)).rows,
  };
  return {
    schema,
    sql,
    async insert(rows: readonly BenchRow[]): Promise<void> {
      await client.query(
        `INSERT INTO patterns (id, type, source, metadata, content_sha256, indexed_embedder, vector)
         SELECT id, type, 'project', jsonb_build_object('projectId', project), md5(id), $4, vector
         FROM unnest($1::text[], $2::text[], $3::text[], $5::bytea[]) AS r(id, type, project, vector)`,
        [
          rows.map((r) => r.id),
          rows.map((r) => r.type),
          rows.map((r) => r.projectId),
          embedder,
          rows.map((r) => Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength)),
        ],
      );
      await client.query('ANALYZE patterns');
    },
    /**
     * After the bulk load, what a service's table reaches soon after one: VACUUM (ANALYZE), as
     * autovacuum would (the first read of a just-inserted page otherwise sets its hint bits, a
     * write), then a CHECKPOINT, as the next one would: until then a read that must evict one of
     * the load's dirty buffers writes it first, and flushes the WAL up to it (tens of ms). Says
     * whether the checkpoint ran (it needs a superuser or pg_checkpoint).
     */
    async settle(): Promise<string> {
      await client.query('VACUUM (ANALYZE) patterns');
      try {
        await client.query('CHECKPOINT');
        return 'VACUUM (ANALYZE) and CHECKPOINT';
      } catch (error) {
        return `VACUUM (ANALYZE); no CHECKPOINT (${String(error)})`;
      }
    },
    async drop(): Promise<void> {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
