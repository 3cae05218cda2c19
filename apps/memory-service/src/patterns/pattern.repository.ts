import { createHash } from 'node:crypto';
import { PatternType } from '@agentbus/contracts';
import { successScore } from '@agentbus/memory';
import { type SqlTx } from '@agentbus/persistence';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { type NewPattern, type Pattern } from './pattern';

/** Anything that runs SQL: the DataSource, or a handler's transaction. */
export type Sql = Pick<SqlTx, 'query'>;

const PatternRow = z.object({
  id: z.string(),
  type: PatternType,
  source: z.enum(['template', 'project', 'manual']),
  text: z.string(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  project_id: z.string().nullable(),
  retrieved_count: z.number().int(),
  successes: z.coerce.number().int(),
  failures: z.coerce.number().int(),
  created_at: z.coerce.date(),
  last_used_at: z.coerce.date().nullable(),
});

const toPattern = (raw: unknown): Pattern => {
  const row = PatternRow.parse(raw);
  return {
    id: row.id,
    type: row.type,
    source: row.source,
    text: row.text,
    metadata: row.metadata,
    projectId: row.project_id ?? undefined,
    retrievedCount: row.retrieved_count,
    successes: row.successes,
    failures: row.failures,
    successScore: successScore(row.successes, row.failures),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
};

// Counts are kept on the row by recordOutcome/forgetOutcomesOf (pattern_outcomes is the record).
const SELECT_PATTERNS = `
  SELECT p.id, p.type, p.source, p.text, p.metadata, p.project_id, p.retrieved_count,
         p.created_at, p.last_used_at, p.successes, p.failures
  FROM patterns p`;

// Outcomes of one project are recorded or forgotten one transaction at a time, so the counts each
// statement moves are computed from the outcome rows as the previous one committed them.
const LOCK_PROJECT_OUTCOMES = `SELECT pg_advisory_xact_lock(hashtextextended('pattern-outcomes:' || $1, 0))`;

const sha256 = (pattern: NewPattern): string =>
  createHash('sha256')
    .update(JSON.stringify([pattern.type, pattern.text, pattern.metadata]))
    .digest('hex');

/** Uses of one pattern counted since the last write, and the latest. */
export interface PatternUse {
  readonly id: string;
  readonly uses: number;
  readonly lastUsedAt: Date;
}

const vectorBytes = (vector: readonly number[]): Buffer => {
  const floats = Float32Array.from(vector);
  return Buffer.from(floats.buffer, floats.byteOffset, floats.byteLength);
};

/** Patterns in Postgres, the record Chroma's vectors are rebuilt from. */
@Injectable()
export class PatternRepository {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  /**
   * Inserts or replaces patterns; a changed one loses its vector (`indexed_embedder` NULL) so the
   * indexer embeds it again, an unchanged one is left alone (templates reload at every start).
   * Returns the ids that were new or changed.
   */
  async upsert(patterns: readonly NewPattern[], sql: Sql = this.db): Promise<string[]> {
    if (patterns.length === 0) return [];
    const rows: { id: string }[] = await sql.query(
      `INSERT INTO patterns (id, type, source, text, metadata, project_id, content_sha256)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[],
         $6::uuid[], $7::text[])
       ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, source = EXCLUDED.source,
         text = EXCLUDED.text, metadata = EXCLUDED.metadata, project_id = EXCLUDED.project_id,
         content_sha256 = EXCLUDED.content_sha256, indexed_embedder = NULL, updated_at = now()
       WHERE patterns.content_sha256 <> EXCLUDED.content_sha256
       RETURNING id`,
      [
        patterns.map((p) => p.id),
        patterns.map((p) => p.type),
        patterns.map((p) => p.source),
        patterns.map((p) => p.text),
        patterns.map((p) => JSON.stringify(p.metadata)),
        patterns.map((p) => p.projectId ?? null),
        patterns.map(sha256),
      ],
    );
    return rows.map((row) => row.id);
  }

  /** Stores patterns whose ids are new; existing ones are left as they are. Returns the new ids. */
  async insertNew(patterns: readonly NewPattern[], sql: Sql = this.db): Promise<string[]> {
    if (patterns.length === 0) return [];
    const rows: { id: string }[] = await sql.query(
      `INSERT INTO patterns (id, type, source, text, metadata, project_id, content_sha256)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[],
         $6::uuid[], $7::text[])
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [
        patterns.map((p) => p.id),
        patterns.map((p) => p.type),
        patterns.map((p) => p.source),
        patterns.map((p) => p.text),
        patterns.map((p) => JSON.stringify(p.metadata)),
        patterns.map((p) => p.projectId ?? null),
        patterns.map(sha256),
      ],
    );
    return rows.map((row) => row.id);
  }

  async get(ids: readonly string[], sql: Sql = this.db): Promise<Map<string, Pattern>> {
    if (ids.length === 0) return new Map();
    const rows: unknown[] = await sql.query(`${SELECT_PATTERNS} WHERE p.id = ANY($1::text[])`, [
      ids,
    ]);
    return new Map(rows.map(toPattern).map((pattern) => [pattern.id, pattern]));
  }

  /** Templates, newest first. */
  async templates(): Promise<Pattern[]> {
    const rows: unknown[] = await this.db.query(
      `${SELECT_PATTERNS} WHERE p.source = 'template' ORDER BY p.id`,
    );
    return rows.map(toPattern);
  }

  /** Deletes patterns; returns the ids that existed. */
  async delete(ids: readonly string[], sql: Sql = this.db): Promise<string[]> {
    const rows: { id: string }[] = await sql.query(
      `WITH gone AS (DELETE FROM patterns WHERE id = ANY($1::text[]) RETURNING id),
            outcomes AS (DELETE FROM pattern_outcomes WHERE pattern_id IN (SELECT id FROM gone))
       SELECT id FROM gone`,
      [ids],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Records a project's outcome for the patterns its artifacts used (those still stored); the
   * latest outcome of a project wins, and each pattern's counts move by the difference (a new
   * outcome adds one; a project that failed and then completed moves one failure to a success; the
   * same outcome again moves nothing). Returns the patterns whose outcome row was written.
   */
  async recordOutcome(
    sql: Sql,
    projectId: string,
    patternIds: readonly string[],
    outcome: 'completed' | 'failed',
  ): Promise<string[]> {
    if (patternIds.length === 0) return [];
    await sql.query(LOCK_PROJECT_OUTCOMES, [projectId]);
    // Every CTE reads the statement's snapshot: `prior` is the outcome before this statement.
    const rows: { pattern_id: string }[] = await sql.query(
      `WITH prior AS (
         SELECT pattern_id, outcome FROM pattern_outcomes
         WHERE project_id = $2 AND pattern_id = ANY($1::text[])
       ), written AS (
         INSERT INTO pattern_outcomes (pattern_id, project_id, outcome)
         SELECT id, $2, $3 FROM patterns WHERE id = ANY($1::text[])
         ON CONFLICT (pattern_id, project_id) DO UPDATE
           SET outcome = EXCLUDED.outcome, recorded_at = now()
         RETURNING pattern_id
       ), moved AS (
         UPDATE patterns p
         SET successes = p.successes + (CASE WHEN $3 = 'completed' THEN 1 ELSE 0 END)
                                     - (CASE WHEN prior.outcome = 'completed' THEN 1 ELSE 0 END),
             failures = p.failures + (CASE WHEN $3 = 'failed' THEN 1 ELSE 0 END)
                                   - (CASE WHEN prior.outcome = 'failed' THEN 1 ELSE 0 END)
         FROM written LEFT JOIN prior USING (pattern_id)
         WHERE p.id = written.pattern_id AND prior.outcome IS DISTINCT FROM $3
       )
       SELECT pattern_id FROM written`,
      [patternIds, projectId, outcome],
    );
    return rows.map((row) => row.pattern_id);
  }

  /**
   * Takes a deleted project's outcomes out of the counts of the patterns it reused; call before
   * its `pattern_outcomes` rows are deleted, in the same transaction.
   */
  async forgetOutcomesOf(sql: Sql, projectId: string): Promise<void> {
    await sql.query(LOCK_PROJECT_OUTCOMES, [projectId]);
    await sql.query(
      `UPDATE patterns p
       SET successes = p.successes - (CASE WHEN o.outcome = 'completed' THEN 1 ELSE 0 END),
           failures = p.failures - (CASE WHEN o.outcome = 'failed' THEN 1 ELSE 0 END)
       FROM pattern_outcomes o
       WHERE o.project_id = $1 AND p.id = o.pattern_id`,
      [projectId],
    );
  }

  /**
   * Adds counted uses (retention keeps used patterns longer) in one statement, in id order so two
   * flushes never wait on each other's rows in opposite orders; deleted patterns are skipped.
   */
  async addUses(uses: readonly PatternUse[]): Promise<void> {
    if (uses.length === 0) return;
    const sorted = [...uses].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await this.db.query(
      `UPDATE patterns SET retrieved_count = retrieved_count + u.uses,
         last_used_at = GREATEST(last_used_at, u.at)
       FROM unnest($1::text[], $2::int[], $3::timestamptz[]) AS u(id, uses, at)
       WHERE patterns.id = u.id`,
      [
        sorted.map((use) => use.id),
        sorted.map((use) => use.uses),
        sorted.map((use) => use.lastUsedAt.toISOString()),
      ],
    );
  }

  /** Patterns without a vector in the current collection, oldest first. */
  async unindexed(limit: number): Promise<NewPattern[]> {
    const rows: unknown[] = await this.db.query(
      `${SELECT_PATTERNS} WHERE p.indexed_embedder IS NULL ORDER BY p.created_at LIMIT $1`,
      [limit],
    );
    return rows.map(toPattern);
  }

  /**
   * Marks vectors as written, with a copy of each (what a search reads for siblings it has not
   * cached), unless the text changed meanwhile (then it is embedded again).
   */
  async markIndexed(
    patterns: readonly NewPattern[],
    embedder: string,
    vectors: readonly (readonly number[])[],
  ): Promise<void> {
    if (patterns.length === 0) return;
    await this.db.query(
      `UPDATE patterns SET indexed_embedder = $3, vector = done.vector
       FROM unnest($1::text[], $2::text[], $4::bytea[]) AS done(id, sha, vector)
       WHERE patterns.id = done.id AND patterns.content_sha256 = done.sha`,
      [patterns.map((p) => p.id), patterns.map(sha256), embedder, vectors.map(vectorBytes)],
    );
  }

  /** Forgets every vector not made by `embedder` (another embedder, or a lost collection). */
  async forgetVectors(embedder: string | null): Promise<number> {
    // A SELECT around the UPDATE: TypeORM answers a bare UPDATE with [rows, count], not rows.
    const rows: { n: number }[] = await this.db.query(
      `WITH forgotten AS (
         UPDATE patterns SET indexed_embedder = NULL
         WHERE indexed_embedder IS NOT NULL AND ($1::text IS NULL OR indexed_embedder <> $1)
         RETURNING 1
       ) SELECT count(*)::int AS n FROM forgotten`,
      [embedder],
    );
    return rows[0]?.n ?? 0;
  }

  async countIndexed(embedder: string): Promise<number> {
    const rows: { n: number }[] = await this.db.query(
      `SELECT count(*)::int AS n FROM patterns WHERE indexed_embedder = $1`,
      [embedder],
    );
    return rows[0]?.n ?? 0;
  }

  /** Which of `ids` are stored. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    const rows: { id: string }[] = await this.db.query(
      `SELECT id FROM patterns WHERE id = ANY($1::text[])`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
  }
}
