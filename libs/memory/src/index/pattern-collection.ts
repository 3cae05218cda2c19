import { type Collection, type Metadata, type Where } from 'chromadb';
import { type IndexedPattern, type IndexHit } from './index-types';

const NOT_ON_DISK_YET = 'Error creating hnsw segment reader: Nothing found on disk';

/**
 * One Chroma collection of pattern vectors (the all-types one, or one type's): the Chroma calls
 * the index makes, with the pattern's type and metadata stored beside each vector.
 */
export class PatternCollection {
  constructor(
    readonly collection: Collection,
    readonly name: string,
  ) {}

  async upsert(patterns: readonly IndexedPattern[]): Promise<void> {
    if (patterns.length > 0) await this.collection.upsert(recordsOf(patterns));
  }

  /** Chroma's add: an id already held keeps its vector (Chroma 1.0 ignores it, no error). */
  async add(patterns: readonly IndexedPattern[]): Promise<void> {
    if (patterns.length > 0) await this.collection.add(recordsOf(patterns));
  }

  async nearest(
    vector: readonly number[],
    k: number,
    where: Where | undefined,
    groupBy: string | undefined,
  ): Promise<IndexHit[]> {
    const result = await this.collection
      .query({
        queryEmbeddings: [[...vector]],
        nResults: k,
        // Metadata only when grouping: every field included is more JSON per hit on the hot path.
        include: groupBy ? ['distances', 'metadatas'] : ['distances'],
        ...(where ? { where } : {}),
      })
      .catch((error: unknown) => {
        // Chroma 1.x, a collection whose first writes are not on disk yet: nothing to find yet.
        if (String(error).includes(NOT_ON_DISK_YET)) return undefined;
        throw error;
      });
    if (!result) return [];
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

  async vectorsOf(ids: readonly string[]): Promise<Map<string, Float32Array>> {
    if (ids.length === 0) return new Map();
    const page = await this.collection.get({ ids: [...ids], include: ['embeddings'] });
    return new Map(page.ids.map((id, i) => [id, Float32Array.from(page.embeddings[i] ?? [])]));
  }

  /** Which of `ids` the collection holds (no vectors read). */
  async holding(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const page = await this.collection.get({ ids: [...ids], include: [] });
    return new Set(page.ids);
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

function recordsOf(patterns: readonly IndexedPattern[]) {
  return {
    ids: patterns.map((p) => p.id),
    embeddings: patterns.map((p) => [...p.vector]),
    metadatas: patterns.map((p): Metadata => ({ ...p.metadata, type: p.type })),
  };
}

function groupOf(metadata: Metadata | null | undefined, key: string | undefined) {
  const value = key ? metadata?.[key] : undefined;
  return value === undefined || value === null ? undefined : String(value);
}
