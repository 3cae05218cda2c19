import { type IndexHit } from '../index/index-types';
import { quantizedDot } from '../text/quantized-vector.util';
import { type VectorSource } from './cached-siblings';
import { type MirroredMember, type PatternMirror } from './pattern-mirror';
import { type SiblingFilters, type SiblingReader } from './sibling-reader';

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
    await this.readMissing(members.filter((member) => !member.vector));
    return members.flatMap(
      (member) =>
        member.vector
          ? [
              {
                id: member.id,
                similarity: quantizedDot(vector, member.vector),
                group: member.group,
              },
            ]
          : [], // no source has its vector (swept, being rebuilt): no hit
    );
  }

  /** Vectors of rows indexed before `patterns.vector`, from each source in turn, then kept. */
  private async readMissing(missing: MirroredMember[]): Promise<void> {
    for (const source of this.sources) {
      if (missing.length === 0) return;
      const read = await source.vectorsOf(missing.map((member) => member.id));
      for (const member of missing) {
        const found = read.get(member.id);
        if (found) this.mirror.setVector(member.id, member.version, found);
      }
      missing = missing.filter((member) => !member.vector);
    }
  }
}
