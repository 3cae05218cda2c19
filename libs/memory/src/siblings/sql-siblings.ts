import { z } from 'zod';
import { type IndexHit } from '../index/index-types';
import { dot } from '../text/dot.util';
import { type VectorSource } from './cached-siblings';
import { type SiblingFilters, type SiblingReader } from './sibling-reader';
import { type SiblingVectorCache } from './sibling-vector-cache';
import { groupSiblingsSql, type SqlRows } from './sql-group-members';

const SiblingRow = z.object({
  id: z.string(),
  grp: z.string(),
  version: z.string(),
  vector: z.instanceof(Buffer).nullable(),
});
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

/**
 * Siblings in one Postgres round trip: the leading groups' members (as {@link SqlGroupMembers}
 * selects them) with the `patterns.vector` of each one the cache does not hold at its version
 * (the cached ones are named in the query and come back without a vector). Only a member whose
 * row has no vector (indexed before the column), or whose cached vector was evicted while the
 * query ran, is read from `fallbacks` in turn (Postgres by id, then Chroma). Replaces membership
 * then vectors as two sequential queries (`CachedSiblings` with `SqlGroupMembers`, `SqlVectors`).
 */
export class SqlSiblings implements SiblingReader {
  constructor(
    private readonly sql: SqlRows,
    private readonly embedder: string,
    private readonly groupKey: string,
    private readonly cache: SiblingVectorCache,
    private readonly fallbacks: readonly VectorSource[] = [],
  ) {
    if (!KEY.test(groupKey)) throw new Error(`group key ${groupKey} is not a metadata key`);
  }

  async read(
    vector: readonly number[],
    groups: readonly string[],
    filters: SiblingFilters,
    limit: number,
  ): Promise<IndexHit[]> {
    if (groups.length === 0) return [];
    const cached = this.cache.heldFor(groups);
    const { text, params } = groupSiblingsSql(
      this.groupKey,
      this.embedder,
      groups,
      filters,
      limit,
      cached,
    );
    const rows = z.array(SiblingRow).parse(await this.sql.query(text, params));
    const vectors = new Map<string, Float32Array>();
    let missing: typeof rows = [];
    for (const row of rows) {
      if (row.vector) {
        // Copied: a Buffer from the driver may start at an offset Float32Array cannot view.
        const read = new Float32Array(new Uint8Array(row.vector).buffer);
        this.cache.set(row.id, row.version, read, row.grp);
        vectors.set(row.id, read);
        continue;
      }
      const held = this.cache.get(row.id, row.version);
      if (held) vectors.set(row.id, held);
      else missing.push(row);
    }
    // A vector that came with its row was not cached: a miss, as the cache counts its own.
    this.cache.countMisses(rows.filter((row) => row.vector).length);
    for (const source of this.fallbacks) {
      if (missing.length === 0) break;
      const read = await source.vectorsOf(missing.map((row) => row.id));
      for (const row of missing) {
        const found = read.get(row.id);
        if (!found) continue;
        this.cache.set(row.id, row.version, found, row.grp);
        vectors.set(row.id, found);
      }
      // Left for the next source; a vector no source has (swept, being rebuilt) is no hit.
      missing = missing.filter((row) => !vectors.has(row.id));
    }
    return rows.flatMap((row) => {
      const found = vectors.get(row.id);
      return found ? [{ id: row.id, similarity: dot(vector, found), group: row.grp }] : [];
    });
  }
}
