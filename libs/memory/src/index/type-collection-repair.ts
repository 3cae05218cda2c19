import { z } from 'zod';
import { type SqlRows } from '../siblings/sql-group-members';
import { type ChromaPatternIndex } from './chroma-pattern-index';
import { type PatternCollection } from './pattern-collection';

const PAGE = 1_000;
const CountRow = z.object({ type: z.string(), n: z.coerce.number().int() });
const IdRow = z.object({ id: z.string() });
const VectorRow = z.object({
  id: z.string(),
  source: z.string(),
  metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  vector: z.instanceof(Buffer).nullable(),
});

/** What one {@link TypeCollectionRepair.run} changed. */
export interface TypeRepair {
  /** Vectors copied from the rows into their type's collection. */
  readonly added: number;
  /** Ids deleted from a type's collection (no such row of that type). */
  readonly removed: number;
  /** Rows indexed before `patterns.vector` existed: marked unindexed, to be embedded again. */
  readonly reembed: number;
}

/**
 * Keeps each type's collection in step with memory-service's `patterns` rows (resolved by the
 * connection's search_path), for a type whose collection count differs from its rows indexed by
 * `embedder`: rows the collection lacks are added with the vector kept on the row (no embedding;
 * Chroma's add, so a vector written meanwhile by the indexer is never replaced by an older one),
 * and ids that are no row of that type (deleted, or moved to another type) are deleted. This
 * backfills type collections created beside an indexed all-types one, and repairs a crash between
 * the two writes of a pattern whose row was marked indexed anyway.
 */
export class TypeCollectionRepair {
  constructor(
    private readonly sql: SqlRows,
    private readonly embedder: string,
  ) {}

  async run(index: ChromaPatternIndex): Promise<TypeRepair> {
    const recorded = await this.recordedByType();
    let added = 0;
    let removed = 0;
    let reembed = 0;
    for (const type of index.types) {
      const collection = index.ofType(type);
      const wanted = recorded.get(type) ?? 0;
      if ((await collection.count()) === wanted) continue;
      const filled = await this.backfill(type, collection);
      added += filled.added;
      reembed += filled.reembed;
      if ((await collection.count()) > wanted) removed += await this.sweep(type, collection);
    }
    return { added, removed, reembed };
  }

  private async recordedByType(): Promise<Map<string, number>> {
    const rows = z
      .array(CountRow)
      .parse(
        await this.sql.query(
          `SELECT type, count(*)::int AS n FROM patterns WHERE indexed_embedder = $1 GROUP BY type`,
          [this.embedder],
        ),
      );
    return new Map(rows.map((row) => [row.type, row.n]));
  }

  /** Adds the type's indexed rows the collection lacks, a page of ids at a time. */
  private async backfill(type: string, collection: PatternCollection) {
    let added = 0;
    let reembed = 0;
    for (let after = ''; ;) {
      const ids = z
        .array(IdRow)
        .parse(
          await this.sql.query(
            `SELECT id FROM patterns WHERE type = $1 AND indexed_embedder = $2 AND id > $3
             ORDER BY id LIMIT ${PAGE}`,
            [type, this.embedder, after],
          ),
        )
        .map((row) => row.id);
      if (ids.length === 0) break;
      after = ids[ids.length - 1] ?? after;
      const held = await collection.holding(ids);
      const missing = ids.filter((id) => !held.has(id));
      if (missing.length === 0) continue;
      const rows = z.array(VectorRow).parse(
        await this.sql.query(
          `SELECT id, source, metadata, vector FROM patterns
             WHERE id = ANY($1::text[]) AND type = $2 AND indexed_embedder = $3`,
          [missing, type, this.embedder],
        ),
      );
      const withVector = rows.flatMap((row) =>
        row.vector ? [{ ...row, vector: row.vector }] : [],
      );
      await collection.add(
        withVector.map((row) => ({
          id: row.id,
          type,
          // Copied: a Buffer from the driver may start at an offset Float32Array cannot view.
          vector: Array.from(new Float32Array(new Uint8Array(row.vector).buffer)),
          metadata: { ...row.metadata, source: row.source },
        })),
      );
      added += withVector.length;
      reembed += await this.markForEmbedding(
        rows.filter((row) => !row.vector).map((row) => row.id),
      );
    }
    return { added, reembed };
  }

  /** Rows without a stored vector get embedded again, which writes both collections. */
  private async markForEmbedding(ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const rows = z.array(IdRow).parse(
      await this.sql.query(
        `WITH marked AS (
           UPDATE patterns SET indexed_embedder = NULL
           WHERE id = ANY($1::text[]) AND vector IS NULL RETURNING id
         ) SELECT id FROM marked`,
        [[...ids]],
      ),
    );
    return rows.length;
  }

  /** Deletes from the type's collection the ids that are no row of that type. */
  private async sweep(type: string, collection: PatternCollection): Promise<number> {
    let removed = 0;
    for await (const ids of collection.ids()) {
      const kept = new Set(
        z
          .array(IdRow)
          .parse(
            await this.sql.query(
              `SELECT id FROM patterns WHERE id = ANY($1::text[]) AND type = $2`,
              [ids, type],
            ),
          )
          .map((row) => row.id),
      );
      const gone = ids.filter((id) => !kept.has(id));
      await collection.delete(gone);
      removed += gone.length;
    }
    return removed;
  }
}
