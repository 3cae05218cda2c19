import { ChromaClient, type Collection, type Metadata, type Where } from 'chromadb';
import { type Embedder } from '../embedders/embedder';
import { collectionNameOf } from './collection-name.util';

/** A vector to keep, with what searches filter on. */
export interface IndexedPattern {
  readonly id: string;
  readonly type: string;
  readonly vector: readonly number[];
  /** Scalar metadata to filter on (`where`); the full record lives in Postgres. */
  readonly metadata?: Readonly<Record<string, string | number | boolean>>;
}

/** One nearest neighbour: cosine similarity in [-1, 1] (1 = same direction). */
export interface IndexHit {
  readonly id: string;
  readonly similarity: number;
  /** The hit's value of the query's `groupBy` metadata key (e.g. its source project), if any. */
  readonly group?: string | undefined;
}

/** Filters of a search. */
export interface IndexQuery {
  readonly k: number;
  readonly types?: readonly string[] | undefined;
  readonly where?: Readonly<Record<string, string | number | boolean>> | undefined;
  /** A metadata key whose value each hit reports as its `group` (read from Chroma's metadata). */
  readonly groupBy?: string | undefined;
}

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
 * Pattern vectors in one Chroma collection per embedder (DESIGN §17: the collection records the
 * embedder's name and dimension, and opening it with another embedder fails). Types share the
 * collection and are a metadata filter, so a search over several types is one HNSW query.
 */
export class ChromaPatternIndex {
  private constructor(
    private readonly client: ChromaClient,
    private readonly collection: Collection,
    readonly name: string,
    readonly embedder: Embedder,
  ) {}

  /** Opens (or creates) the embedder's collection and checks that it is the embedder's. */
  static async open(client: ChromaClient, prefix: string, embedder: Embedder) {
    const name = collectionNameOf(prefix, embedder.name, embedder.dimension);
    const collection = await client.getOrCreateCollection({
      name,
      embeddingFunction: null,
      metadata: {
        embedder: embedder.name,
        dimension: embedder.dimension,
        'hnsw:space': 'cosine',
      },
    });
    const found = collection.metadata ?? {};
    if (found['embedder'] !== embedder.name || found['dimension'] !== embedder.dimension) {
      throw new EmbedderMismatchError(name, found['embedder'], embedder.name);
    }
    return new ChromaPatternIndex(client, collection, name, embedder);
  }

  async upsert(patterns: readonly IndexedPattern[]): Promise<void> {
    if (patterns.length === 0) return;
    await this.collection.upsert({
      ids: patterns.map((p) => p.id),
      embeddings: patterns.map((p) => [...p.vector]),
      metadatas: patterns.map((p): Metadata => ({ ...p.metadata, type: p.type })),
    });
  }

  /**
   * Adds patterns whose ids are new (Chroma's add: no lookup of an existing record, so bulk loads
   * such as the benchmark's are cheaper than {@link upsert}); an existing id is an error.
   */
  async insert(patterns: readonly IndexedPattern[]): Promise<void> {
    if (patterns.length === 0) return;
    await this.collection.add({
      ids: patterns.map((p) => p.id),
      embeddings: patterns.map((p) => [...p.vector]),
      metadatas: patterns.map((p): Metadata => ({ ...p.metadata, type: p.type })),
    });
  }

  /** The largest batch the Chroma server takes in one add or upsert. */
  maxBatchSize(): Promise<number> {
    return this.client.getMaxBatchSize();
  }

  query(vector: readonly number[], query: IndexQuery): Promise<IndexHit[]> {
    return this.nearest(vector, query.k, whereOf(query), query.groupBy);
  }

  /**
   * The stored vectors of `ids` (those Chroma has), read by id: a search's siblings that
   * {@link SiblingVectorCache} does not hold yet. By id, not by a metadata filter: at 100 000
   * patterns a get of 50 ids cost 5-13 ms, a get `where` in 5 projects 20-35 ms.
   */
  async vectorsOf(ids: readonly string[]): Promise<Map<string, Float32Array>> {
    if (ids.length === 0) return new Map();
    const page = await this.collection.get({ ids: [...ids], include: ['embeddings'] });
    return new Map(page.ids.map((id, i) => [id, Float32Array.from(page.embeddings[i] ?? [])]));
  }

  private async nearest(
    vector: readonly number[],
    k: number,
    where: Where | undefined,
    groupBy: string | undefined,
  ): Promise<IndexHit[]> {
    const result = await this.collection.query({
      queryEmbeddings: [[...vector]],
      nResults: k,
      // Metadata only when grouping: every field included is more JSON per hit on the hot path.
      include: groupBy ? ['distances', 'metadatas'] : ['distances'],
      ...(where ? { where } : {}),
    });
    const ids = result.ids[0] ?? [];
    const distances = result.distances[0] ?? [];
    const metadatas = result.metadatas[0] ?? [];
    // Cosine space: distance = 1 - cosine similarity.
    return ids.map((id, i) => ({
      id,
      similarity: 1 - (distances[i] ?? 1),
      group: groupOf(metadatas[i], groupBy),
    }));
  }

  async delete(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.collection.delete({ ids: [...ids] });
  }

  count(): Promise<number> {
    return this.collection.count();
  }

  /** Every id in the collection, page by page (reconciliation against Postgres). */
  async *ids(pageSize = 5_000): AsyncIterable<string[]> {
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.collection.get({ limit: pageSize, offset, include: [] });
      if (page.ids.length === 0) return;
      yield page.ids;
      if (page.ids.length < pageSize) return;
    }
  }
}

function groupOf(metadata: Metadata | null | undefined, key: string | undefined) {
  const value = key ? metadata?.[key] : undefined;
  return value === undefined || value === null ? undefined : String(value);
}

function whereOf(query: Pick<IndexQuery, 'types' | 'where'>): Where | undefined {
  const clauses: Where[] = Object.entries(query.where ?? {}).map(([key, value]) => ({
    [key]: value,
  }));
  if (query.types && query.types.length > 0) clauses.push({ type: { $in: [...query.types] } });
  if (clauses.length === 0) return undefined;
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}
