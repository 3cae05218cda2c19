/** A pattern of a group as the record listed it: its id, vector version (content hash) and type. */
export interface ListedMember {
  readonly id: string;
  readonly version: string;
  readonly type: string;
}

/** The moment a listing was asked for: a listing asked before the last change is not kept. */
export interface ListingTicket {
  readonly at: number;
  readonly generation: number;
}

/**
 * Which patterns each group (source project) has, as the record listed them, kept for `ttlMs`:
 * a search whose leading groups are all listed here scores their cached vectors without asking
 * Postgres, the round trip that made the slowest searches slow (tools/bench/memory). This
 * process's own writes {@link clear} it; another replica's show after at most `ttlMs`, and until
 * then only move pooled similarity (a deleted pattern is never a hit: hits are read from the
 * record). One embedder's listings at a time: membership is "indexed by this embedder".
 */
export class GroupMembershipCache {
  private readonly lists = new Map<string, { at: number; members: readonly ListedMember[] }>();
  private embedder: string | undefined;
  private generation = 0;
  private hitCount = 0;
  private missCount = 0;

  /** `ttlMs` 0 keeps nothing: every search lists its groups from the record. */
  constructor(
    readonly ttlMs = 30_000,
    readonly capacity = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The fresh listings of `groups` for `embedder`; the others are counted as misses. */
  listed(embedder: string, groups: readonly string[]): Map<string, readonly ListedMember[]> {
    if (embedder !== this.embedder) {
      this.clear();
      this.embedder = embedder;
    }
    const found = new Map<string, readonly ListedMember[]>();
    const at = this.now();
    for (const group of groups) {
      const entry = this.lists.get(group);
      if (entry && at - entry.at < this.ttlMs) {
        this.lists.delete(group); // re-inserted: Map order is the recency order
        this.lists.set(group, entry);
        found.set(group, entry.members);
        this.hitCount++;
      } else {
        if (entry) this.lists.delete(group);
        this.missCount++;
      }
    }
    return found;
  }

  /** Taken before listing groups from the record, and handed back to {@link record}. */
  ticket(): ListingTicket {
    return { at: this.now(), generation: this.generation };
  }

  /**
   * Keeps `group`'s complete listing, read by `embedder` since `ticket`; dropped when the cache
   * was cleared meanwhile (a write the listing may predate) or holds another embedder's.
   */
  record(
    embedder: string,
    ticket: ListingTicket,
    group: string,
    members: readonly ListedMember[],
  ): void {
    if (this.ttlMs <= 0 || embedder !== this.embedder) return;
    if (ticket.generation !== this.generation) return;
    this.lists.delete(group);
    this.lists.set(group, { at: ticket.at, members });
    while (this.lists.size > this.capacity) {
      const oldest = this.lists.keys().next();
      if (oldest.done) break;
      this.lists.delete(oldest.value);
    }
  }

  /** Forgets every listing: this process changed which patterns a group has, or their vectors. */
  clear(): void {
    this.lists.clear();
    this.generation++;
  }

  /** Forgets the listings of `groups`, and any listing still being read (it may predate this). */
  forget(groups: readonly string[]): void {
    if (groups.length === 0) return;
    for (const group of groups) this.lists.delete(group);
    this.generation++;
  }

  get size(): number {
    return this.lists.size;
  }

  /** Groups answered and not answered from memory since the start (the benchmark prints them). */
  get stats(): { readonly hits: number; readonly misses: number } {
    return { hits: this.hitCount, misses: this.missCount };
  }
}
