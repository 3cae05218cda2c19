import { dot } from '../text/dot.util';
import { type IndexedPattern, type IndexHit } from './index-types';

/**
 * Type-collection writes held back so that they reach Chroma in batches. Each Chroma write costs
 * 10-15 ms of its CPU whatever its size (2 cores here), and a learned project touches about ten
 * types: eleven writes instead of one. Held patterns are searched here, exactly, so a search in
 * this process sees them at once; another replica sees them once flushed. Flushed writes stay
 * searchable here for `graceMs`: Chroma answers a collection's first writes only once it has put
 * them on disk (until then a query finds nothing, or fails). The latest write of an id wins; a
 * deletion drops it. If the process dies before a flush, the type collections are short of those
 * patterns until the reindexer's repair backfills them from Postgres.
 */
export class PendingTypeWrites {
  private held = new Map<string, IndexedPattern>();
  /** Flushed writes still searched here, with when they were flushed. */
  private readonly recent = new Map<string, { pattern: IndexedPattern; at: number }>();
  /** Ids deleted while a flush was in flight: a failed flush must not put them back. */
  private deletedDuringFlush = new Set<string>();

  constructor(
    private readonly graceMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Writes not yet flushed. */
  get size(): number {
    return this.held.size;
  }

  /** How many held patterns are of `types`. */
  countOf(types: readonly string[]): number {
    const wanted = new Set(types);
    let count = 0;
    for (const pattern of this.visible()) if (wanted.has(pattern.type)) count++;
    return count;
  }

  /** Whether this buffer answers for `id` (held, or flushed within the grace period). */
  has(id: string): boolean {
    this.prune();
    return this.held.has(id) || this.recent.has(id);
  }

  add(patterns: readonly IndexedPattern[]): void {
    for (const pattern of patterns) {
      this.held.set(pattern.id, pattern);
      this.recent.delete(pattern.id);
    }
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) {
      this.held.delete(id);
      this.recent.delete(id);
      this.deletedDuringFlush.add(id);
    }
  }

  /** Everything held, by type, for one flush; the buffer starts empty again. */
  take(): Map<string, IndexedPattern[]> {
    const byType = new Map<string, IndexedPattern[]>();
    for (const pattern of this.held.values()) {
      byType.set(pattern.type, [...(byType.get(pattern.type) ?? []), pattern]);
    }
    const at = this.now();
    for (const pattern of this.held.values()) this.recent.set(pattern.id, { pattern, at });
    this.held = new Map();
    this.deletedDuringFlush = new Set();
    return byType;
  }

  /** Puts back what a failed flush took, unless written again or deleted since. */
  restore(taken: ReadonlyMap<string, readonly IndexedPattern[]>): void {
    for (const pattern of [...taken.values()].flat()) {
      if (!this.held.has(pattern.id) && !this.deletedDuringFlush.has(pattern.id)) {
        this.held.set(pattern.id, pattern);
        this.recent.delete(pattern.id);
      }
    }
  }

  /** The k held patterns of `types` most similar to `vector` (cosine), with their group. */
  nearest(
    vector: readonly number[],
    types: readonly string[],
    k: number,
    groupBy: string | undefined,
  ): IndexHit[] {
    const wanted = new Set(types);
    const norm = Math.sqrt(dot(vector, vector));
    const hits: IndexHit[] = [];
    for (const pattern of this.visible()) {
      if (!wanted.has(pattern.type)) continue;
      const length = norm * Math.sqrt(dot(pattern.vector, pattern.vector));
      const group = groupBy === undefined ? undefined : pattern.metadata?.[groupBy];
      hits.push({
        id: pattern.id,
        similarity: length === 0 ? 0 : dot(vector, pattern.vector) / length,
        group: group === undefined ? undefined : String(group),
      });
    }
    return hits.sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }

  /** Held and recently flushed patterns (held first: a held write is the newer). */
  private *visible(): Iterable<IndexedPattern> {
    this.prune();
    yield* this.held.values();
    for (const { pattern } of this.recent.values()) yield pattern;
  }

  private prune(): void {
    if (this.recent.size === 0) return;
    const oldest = this.now() - this.graceMs;
    for (const [id, { at }] of this.recent) {
      if (at >= oldest) break; // in flush order
      this.recent.delete(id);
    }
  }
}
