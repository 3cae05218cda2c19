import { type IndexHit, type SiblingFilters, type SiblingReader } from '@agentbus/memory';
import { type Collection } from 'chromadb';

/**
 * The sibling read before the Postgres membership and the vector cache (memory at 394fde1): one
 * Chroma get `where` the group is one of the leading ones, with the vectors, scored here. Kept in
 * the benchmark only, as the "before" column measured in the same run.
 */
export class WhereSiblings implements SiblingReader {
  constructor(
    private readonly collection: Collection,
    private readonly groupBy: string,
  ) {}

  async read(
    vector: readonly number[],
    groups: readonly string[],
    _filters: SiblingFilters,
    limit: number,
  ): Promise<IndexHit[]> {
    if (groups.length === 0) return [];
    const page = await this.collection.get({
      where: { [this.groupBy]: { $in: [...groups] } },
      limit,
      include: ['embeddings', 'metadatas'],
    });
    return page.ids.map((id, i) => {
      const stored = page.embeddings[i] ?? [];
      let similarity = 0;
      for (let d = 0; d < stored.length; d++) similarity += (vector[d] ?? 0) * (stored[d] ?? 0);
      const group = page.metadatas[i]?.[this.groupBy];
      return {
        id,
        similarity,
        group: group === undefined || group === null ? undefined : String(group),
      };
    });
  }
}
