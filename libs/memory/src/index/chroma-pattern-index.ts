import { ChromaClient, type Where } from 'chromadb';
import { type Embedder } from '../embedders/embedder';
import { collectionNameOf, typeCollectionNameOf } from './collection-name.util';
import { type IndexedPattern, type IndexHit, type IndexQuery } from './index-types';
import { PatternCollection } from './pattern-collection';
import { type PendingTypeWrites } from './pending-type-writes';
import { mergeHits, routeOf } from './query-route.util';

export { type IndexedPattern, type IndexHit, type IndexQuery } from './index-types';

/** The collection was filled by another embedder (or dimension): never mix vectors. */
export class EmbedderMismatchError extends Error {
  constructor(collection: string, found: unknown, expected: string) {
    super(
      `Chroma collection ${collection} was built by ${String(found)}, not ${expected}; ` +
        'a new embedder gets a new collection (change MEMORY_COLLECTION_PREFIX to rebuild)',
    );
    this.name = 'EmbedderMismatchError';
  }
}

/** A Chroma client from a base URL such as `http://127.0.0.1:8000`. */
export function chromaClientFor(url: string): ChromaClient {
  const { hostname, port, protocol } = new URL(url);
  const ssl = protocol === 'https:';
  return new ChromaClient({ host: hostname, port: Number(port || (ssl ? 443 : 80)), ssl });
}

/**
 * Pattern vectors of one embedder in Chroma (DESIGN §17: each collection records the embedder's
 * name and dimension, and opening it with another embedder fails): an all-types collection, and
 * one collection per type given to {@link open}, each vector written to both. A query naming only
 * types is answered by their collections without a filter (Chroma 1.0's `where` pre-filters in
 * SQLite: 175-300 ms p50 at 100 000 patterns, against 6-8 ms unfiltered); any other query by the
 * all-types collection. The cost: two writes per pattern, and every vector held twice.
 */
export class ChromaPatternIndex {
  private readonly typed: ReadonlySet<string>;

  private constructor(
    private readonly client: ChromaClient,
    private readonly all: PatternCollection,
    private readonly byType: ReadonlyMap<string, PatternCollection>,
    readonly embedder: Embedder,
    private readonly pending: PendingTypeWrites | undefined,
  ) {
    this.typed = new Set(byType.keys());
  }

  /** The all-types collection's name. */
  get name(): string {
    return this.all.name;
  }

  /** The types with a collection of their own. */
  get types(): readonly string[] {
    return [...this.typed];
  }

  /**
   * Opens (or creates) the embedder's all-types collection and one per `types` (none: every
   * query by type is a filter on the all-types collection), checking each is the embedder's.
   * With `pending`, {@link upsert} holds the type collections' writes there until
   * {@link flushTypeWrites} (the buffer outlives this handle, which a Chroma error replaces).
   */
  static async open(
    client: ChromaClient,
    prefix: string,
    embedder: Embedder,
    types: readonly string[] = [],
    pending?: PendingTypeWrites,
  ): Promise<ChromaPatternIndex> {
    const base = collectionNameOf(prefix, embedder.name, embedder.dimension);
    const [all, ...perType] = await Promise.all([
      openCollection(client, base, embedder, {}),
      ...types.map((type) =>
        openCollection(client, typeCollectionNameOf(base, type), embedder, { type }),
      ),
    ]);
    if (!all) throw new Error('unreachable: the all-types collection was not opened');
    const byType = new Map(perType.map((collection, i) => [types[i] ?? '', collection]));
    return new ChromaPatternIndex(client, all, byType, embedder, pending);
  }

  /**
   * Writes (or replaces) vectors in the all-types collection and their types' collections; with a
   * pending buffer, the types' writes wait there for the next {@link flushTypeWrites}.
   */
  async upsert(patterns: readonly IndexedPattern[]): Promise<void> {
    if (!this.pending) {
      await this.both(patterns, (collection, some) => collection.upsert(some));
      return;
    }
    await this.all.upsert(patterns);
    this.pending.add(patterns.filter((pattern) => this.typed.has(pattern.type)));
  }

  /** Type-collection writes waiting for a flush. */
  get pendingTypeWrites(): number {
    return this.pending?.size ?? 0;
  }

  /** Sends the held type-collection writes, one upsert per type; returns how many were sent. */
  async flushTypeWrites(): Promise<number> {
    if (!this.pending || this.pending.size === 0) return 0;
    const taken = this.pending.take();
    try {
      await Promise.all([...taken].map(([type, some]) => this.ofType(type).upsert(some)));
    } catch (error) {
      this.pending.restore(taken);
      throw error;
    }
    return [...taken.values()].reduce((sum, some) => sum + some.length, 0);
  }

  /**
   * Adds patterns whose ids are new (Chroma's add: no lookup of an existing record, so bulk loads
   * such as the benchmark's are cheaper than {@link upsert}); an existing id keeps its vector.
   */
  async insert(patterns: readonly IndexedPattern[]): Promise<void> {
    await this.both(patterns, (collection, some) => collection.add(some));
  }

  /** The largest batch the Chroma server takes in one add or upsert. */
  maxBatchSize(): Promise<number> {
    return this.client.getMaxBatchSize();
  }

  /** The k nearest: from the types' own collections when the query names only types. */
  async query(vector: readonly number[], query: IndexQuery): Promise<IndexHit[]> {
    const route = routeOf(query, this.typed);
    if (route.kind === 'all') {
      return this.all.nearest(vector, query.k, whereOf(query), query.groupBy);
    }
    const { pending } = this;
    // Held writes are newer than what the collections hold for their ids, whose hits are dropped:
    // ask for that many more so that k remain.
    const shadowed = pending?.countOf(route.types) ?? 0;
    const lists = await Promise.all(
      route.types.map((type) =>
        this.ofType(type).nearest(vector, query.k + shadowed, undefined, query.groupBy),
      ),
    );
    if (!pending || shadowed === 0) {
      return lists.length === 1 ? (lists[0] ?? []).slice(0, query.k) : mergeHits(lists, query.k);
    }
    const flushed = lists.map((hits) => hits.filter((hit) => !pending.has(hit.id)));
    return mergeHits(
      [...flushed, pending.nearest(vector, route.types, query.k, query.groupBy)],
      query.k,
    );
  }

  /**
   * The stored vectors of `ids` (those Chroma has), read by id from the all-types collection: a
   * search's siblings that neither the cache nor Postgres holds.
   */
  vectorsOf(ids: readonly string[]): Promise<Map<string, Float32Array>> {
    return this.all.vectorsOf(ids);
  }

  /** Deletes from the all-types collection and every type's (a pattern's type is not needed). */
  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    this.pending?.forget(ids);
    await Promise.all([this.all, ...this.byType.values()].map((c) => c.delete(ids)));
  }

  /** Vectors in the all-types collection. */
  count(): Promise<number> {
    return this.all.count();
  }

  /** Every id in the all-types collection, page by page (reconciliation against Postgres). */
  ids(pageSize = 5_000): AsyncIterable<string[]> {
    return this.all.ids(pageSize);
  }

  /** One type's collection, for the reindexer's backfill and sweep of it. */
  ofType(type: string): PatternCollection {
    const collection = this.byType.get(type);
    if (!collection) throw new Error(`no collection for pattern type ${type}`);
    return collection;
  }

  /** Runs `write` on the all-types collection and on each type's share, at once. */
  private async both(
    patterns: readonly IndexedPattern[],
    write: (collection: PatternCollection, some: readonly IndexedPattern[]) => Promise<void>,
  ): Promise<void> {
    if (patterns.length === 0) return;
    const shares = new Map<string, IndexedPattern[]>();
    for (const pattern of patterns) {
      if (!this.typed.has(pattern.type)) continue;
      shares.set(pattern.type, [...(shares.get(pattern.type) ?? []), pattern]);
    }
    await Promise.all([
      write(this.all, patterns),
      ...[...shares].map(([type, some]) => write(this.ofType(type), some)),
    ]);
  }
}

async function openCollection(
  client: ChromaClient,
  name: string,
  embedder: Embedder,
  extra: Readonly<Record<string, string>>,
): Promise<PatternCollection> {
  const collection = await client.getOrCreateCollection({
    name,
    embeddingFunction: null,
    metadata: {
      embedder: embedder.name,
      dimension: embedder.dimension,
      ...extra,
      'hnsw:space': 'cosine',
    },
  });
  const found = collection.metadata ?? {};
  if (found['embedder'] !== embedder.name || found['dimension'] !== embedder.dimension) {
    throw new EmbedderMismatchError(name, found['embedder'], embedder.name);
  }
  return new PatternCollection(collection, name);
}

function whereOf(query: Pick<IndexQuery, 'types' | 'where'>): Where | undefined {
  const clauses: Where[] = Object.entries(query.where ?? {}).map(([key, value]) => ({
    [key]: value,
  }));
  if (query.types && query.types.length > 0) clauses.push({ type: { $in: [...query.types] } });
  if (clauses.length === 0) return undefined;
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}
