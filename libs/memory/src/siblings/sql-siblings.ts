import { z } from 'zod';
import { type IndexHit } from '../index/index-types';
import { dot } from '../text/dot.util';
import { type VectorSource } from './cached-siblings';
import { type GroupMembershipCache } from './group-membership-cache';
import { type SiblingFilters, type SiblingReader } from './sibling-reader';
import { type SiblingVectorCache } from './sibling-vector-cache';
import { groupSiblingsSql, type SqlRows } from './sql-group-members';

const SiblingRow = z.object({
  id: z.string(),
  grp: z.string(),
  version: z.string(),
  type: z.string(),
  vector: z.instanceof(Buffer).nullable(),
});
type SiblingRow = z.infer<typeof SiblingRow>;
const KEY = /^[a-zA-Z][a-zA-Z0-9_]{0,63}$/;

/**
 * Siblings in one Postgres round trip: the leading groups' members (as {@link SqlGroupMembers}
 * selects them) with the `patterns.vector` of each one the cache does not hold at its version
 * (the cached ones are named in the query and come back without a vector). Only a member whose
 * row has no vector (indexed before the column), or whose cached vector was evicted, is read from
 * `fallbacks` in turn (Postgres by id, then Chroma). With `membership`, a search without a
 * metadata filter asks Postgres only for the groups it does not list: those are read whole (all
 * types, then kept) and the search's types are applied here, so a search whose groups and
 * vectors are all held makes no round trip at all. Replaces membership then vectors as two
 * sequential queries (`CachedSiblings` with `SqlGroupMembers`, `SqlVectors`).
 */
export class SqlSiblings implements SiblingReader {
  constructor(
    private readonly sql: SqlRows,
    private readonly embedder: string,
    private readonly groupKey: string,
    private readonly cache: SiblingVectorCache,
    private readonly fallbacks: readonly VectorSource[] = [],
    private readonly membership?: GroupMembershipCache,
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
    const inMetadata = Object.keys(filters.where ?? {}).length > 0;
    const rows =
      this.membership && !inMetadata
        ? await this.listedRows(groups, filters, limit, this.membership)
        : await this.recordRows(groups, filters, limit);
    return this.scored(vector, rows);
  }

  /** The groups' members that pass `filters`, from the record, with the vectors not cached. */
  private async recordRows(
    groups: readonly string[],
    filters: SiblingFilters,
    limit: number,
  ): Promise<SiblingRow[]> {
    const cached = this.cache.heldFor(groups);
    const { text, params } = groupSiblingsSql(
      this.groupKey,
      this.embedder,
      groups,
      filters,
      limit,
      cached,
    );
    return z.array(SiblingRow).parse(await this.sql.query(text, params));
  }

  /** The listed groups' members from memory, the others' from the record (then listed). */
  private async listedRows(
    groups: readonly string[],
    filters: SiblingFilters,
    limit: number,
    membership: GroupMembershipCache,
  ): Promise<SiblingRow[]> {
    const listed = membership.listed(this.embedder, groups);
    const unlisted = groups.filter((group) => !listed.has(group));
    const rows: SiblingRow[] = [];
    if (unlisted.length > 0) {
      const ticket = membership.ticket();
      const read = await this.recordRows(unlisted, {}, limit);
      // Cut at the limit, the listing may lack members: the record filters this search instead.
      if (read.length >= limit) return this.recordRows(groups, filters, limit);
      const byGroup = new Map<string, SiblingRow[]>(unlisted.map((group) => [group, []]));
      for (const row of read) byGroup.get(row.grp)?.push(row);
      for (const [group, members] of byGroup) {
        const kept = members.map(({ id, version, type }) => ({ id, version, type }));
        membership.record(this.embedder, ticket, group, kept);
      }
      rows.push(...read);
    }
    for (const [group, members] of listed) {
      for (const member of members) rows.push({ ...member, grp: group, vector: null });
    }
    const types = filters.types && filters.types.length > 0 ? new Set(filters.types) : undefined;
    const passes = (row: SiblingRow) => !types || types.has(row.type);
    // Another type's vector came with the listing: kept for the searches that want that type.
    for (const row of rows) {
      if (!row.vector || passes(row)) continue;
      this.cache.set(row.id, row.version, float32(row.vector), row.grp);
    }
    return rows.filter(passes).slice(0, limit);
  }

  /** Scores rows against `vector`: with the vector they came with, else cached, else a fallback's. */
  private async scored(
    vector: readonly number[],
    rows: readonly SiblingRow[],
  ): Promise<IndexHit[]> {
    const vectors = new Map<string, Float32Array>();
    let missing: SiblingRow[] = [];
    for (const row of rows) {
      if (row.vector) {
        const read = float32(row.vector);
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

// Copied: a Buffer from the driver may start at an offset Float32Array cannot view.
function float32(bytes: Buffer): Float32Array {
  return new Float32Array(new Uint8Array(bytes).buffer);
}
