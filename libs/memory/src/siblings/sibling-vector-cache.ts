/**
 * Vectors of recently read siblings, by pattern id and version (the pattern's content hash: an
 * updated pattern has a new version, so its old vector is never answered), least recently used
 * dropped first. One cache serves one embedder's collection. Float32, as Chroma stores them:
 * 10 000 vectors of 612 dimensions hold 24 MB.
 */
export class SiblingVectorCache {
  private readonly entries = new Map<
    string,
    { version: string; vector: Float32Array; group: string | undefined }
  >();
  /** Ids held per group, so a search can say which of a group's vectors it need not read. */
  private readonly groups = new Map<string, Set<string>>();
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
    this.entries.delete(id); // re-inserted: Map order is the recency order (group index unchanged)
    this.entries.set(id, entry);
    this.hitCount++;
    return entry.vector;
  }

  /** Keeps `vector` of `id` at `version`; `group` (its project) lets {@link heldFor} name it. */
  set(id: string, version: string, vector: Float32Array, group?: string): void {
    if (this.capacity <= 0) return;
    this.drop(id);
    this.entries.set(id, { version, vector, group });
    if (group !== undefined) {
      const ids = this.groups.get(group) ?? new Set<string>();
      this.groups.set(group, ids.add(id));
    }
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.drop(oldest.value);
    }
  }

  /** The ids and versions held of `groups`' members (as set with their group). */
  heldFor(groups: readonly string[]): { ids: string[]; versions: string[] } {
    const ids: string[] = [];
    const versions: string[] = [];
    for (const group of groups) {
      for (const id of this.groups.get(group) ?? []) {
        const entry = this.entries.get(id);
        if (!entry) continue;
        ids.push(id);
        versions.push(entry.version);
      }
    }
    return { ids, versions };
  }

  /** Counts lookups answered without asking the cache (a vector read with the membership). */
  countMisses(n: number): void {
    this.missCount += n;
  }

  /** Drops deleted patterns' vectors now instead of waiting for them to age out. */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.drop(id);
  }

  private drop(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    if (entry.group === undefined) return;
    const ids = this.groups.get(entry.group);
    ids?.delete(id);
    if (ids?.size === 0) this.groups.delete(entry.group);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Lookups answered and not answered since the start (the benchmark prints the ratio). */
  get stats(): { readonly hits: number; readonly misses: number } {
    return { hits: this.hitCount, misses: this.missCount };
  }
}
