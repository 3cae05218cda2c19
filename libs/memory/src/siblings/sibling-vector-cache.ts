/**
 * Vectors of recently read siblings, by pattern id and version (the pattern's content hash: an
 * updated pattern has a new version, so its old vector is never answered), least recently used
 * dropped first. One cache serves one embedder's collection. Float32, as Chroma stores them:
 * 10 000 vectors of 612 dimensions hold 24 MB.
 */
export class SiblingVectorCache {
  private readonly entries = new Map<string, { version: string; vector: Float32Array }>();
  private hitCount = 0;
  private missCount = 0;

  /** `capacity` 0 keeps nothing (every read goes to Chroma). */
  constructor(readonly capacity = 10_000) {}

  /** The cached vector of `id` at `version`, else undefined (also for another version). */
  get(id: string, version: string): Float32Array | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.version !== version) {
      this.missCount++;
      return undefined;
    }
    this.entries.delete(id); // re-inserted: Map order is the recency order
    this.entries.set(id, entry);
    this.hitCount++;
    return entry.vector;
  }

  set(id: string, version: string, vector: Float32Array): void {
    if (this.capacity <= 0) return;
    this.entries.delete(id);
    this.entries.set(id, { version, vector });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /** Drops deleted patterns' vectors now instead of waiting for them to age out. */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Lookups answered and not answered since the start (the benchmark prints the ratio). */
  get stats(): { readonly hits: number; readonly misses: number } {
    return { hits: this.hitCount, misses: this.missCount };
  }
}
