import { type IndexHit } from '../index/index-types';
import { type VectorSource } from './cached-siblings';
import { type MirroredMember, type PatternMirror } from './pattern-mirror';
import { type GroupLookup, type SiblingFilters, type SiblingReader } from './sibling-reader';

/**
 * Siblings from the {@link PatternMirror} while it is ready: membership, types and vectors all in
 * memory, no round trip (a member without a vector is read by id from `sources`, then kept). A
 * search with a metadata filter, or one made while the mirror loads or is behind, is answered by
 * `fallback` (memory-service: `SqlSiblings`).
 */
export class MirroredSiblings implements SiblingReader {
  constructor(
    private readonly mirror: PatternMirror,
    private readonly embedder: string,
    private readonly fallback: SiblingReader,
    private readonly sources: readonly VectorSource[] = [],
  ) {}

  /** The mirror's groups while it is ready: the search's Chroma query then skips metadata. */
  groupLookup(): GroupLookup | undefined {
    if (!this.mirror.isReady(this.embedder)) return undefined;
    return (id) => this.mirror.groupOf(id);
  }

  async read(
    vector: readonly number[],
    groups: readonly string[],
    filters: SiblingFilters,
    limit: number,
  ): Promise<IndexHit[]> {
    const inMetadata = Object.keys(filters.where ?? {}).length > 0;
    if (inMetadata || !this.mirror.isReady(this.embedder)) {
      return this.fallback.read(vector, groups, filters, limit);
    }
    const members = this.mirror.membersOf(groups, filters.types, limit);
    const hits: IndexHit[] = [];
    // Scored before any await: a reload or refresh meanwhile could let go of a member.
    const score = (member: MirroredMember) => {
      const similarity = this.mirror.similarity(member, vector);
      if (similarity !== undefined) hits.push({ id: member.id, similarity, group: member.group });
      return similarity !== undefined;
    };
    const missing = members.filter((member) => !score(member));
    if (missing.length > 0) {
      await this.readMissing(missing);
      missing.forEach(score); // no source has its vector (swept, being rebuilt): no hit
    }
    return hits;
  }

  /** Vectors of rows indexed before `patterns.vector`, from each source in turn, then kept. */
  private async readMissing(missing: MirroredMember[]): Promise<void> {
    for (const source of this.sources) {
      if (missing.length === 0) return;
      const read = await source.vectorsOf(missing.map((member) => member.id));
      for (const member of missing) {
        const found = read.get(member.id);
        if (found) this.mirror.setVector(member, found);
      }
      missing = missing.filter((member) => member.slot < 0);
    }
  }
}
