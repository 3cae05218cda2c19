import { randomBytes } from 'node:crypto';
import { type SqlRows } from '@agentbus/memory';
import { Client } from 'pg';

/** A synthetic pattern's row: what the sibling membership query reads. */
export interface BenchRow {
  readonly id: string;
  readonly type: string;
  readonly projectId: string;
}

/**
 * The benchmark's patterns in Postgres, in a schema of its own: the columns of memory-service's
 * `patterns` table that `SqlGroupMembers` reads, with the service's project index
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
      indexed_embedder text
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
        `INSERT INTO patterns (id, type, source, metadata, content_sha256, indexed_embedder)
         SELECT id, type, 'project', jsonb_build_object('projectId', project), md5(id), $4
         FROM unnest($1::text[], $2::text[], $3::text[]) AS r(id, type, project)`,
        [rows.map((r) => r.id), rows.map((r) => r.type), rows.map((r) => r.projectId), embedder],
      );
      await client.query('ANALYZE patterns');
    },
    async drop(): Promise<void> {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
