import { type IndexHit, type IndexQuery } from '../index/chroma-pattern-index';
import { pooledCandidates } from '../index/pooled-candidates';
import { type GroupPooling } from '../ranking/group-pooling.util';
import { type SiblingReader } from '../siblings/sibling-reader';

/**
 * The candidates memory-service's search would pool for one query, over a set held in memory:
 * the same {@link pooledCandidates} (3·k nearest neighbours, then the leading projects' other
 * patterns), with an exact nearest-neighbour search standing in for Chroma's HNSW and the set's
 * projects for Postgres's membership. So the evaluation scores what the search can reach, not
 * pooling over every pattern.
 */
export function searchCandidates(
  scored: readonly IndexHit[],
  k: number,
  pooling: GroupPooling,
): Promise<IndexHit[]> {
  const byDistance = [...scored].sort((a, b) => b.similarity - a.similarity);
  const index = {
    query: (_vector: readonly number[], query: IndexQuery) =>
      Promise.resolve(byDistance.slice(0, query.k)),
  };
  const siblings: SiblingReader = {
    read: (_vector, groups, _filters, limit) =>
      Promise.resolve(
        scored
          .filter((hit) => hit.group !== undefined && groups.includes(hit.group))
          .slice(0, limit),
      ),
  };
  return pooledCandidates(index, [], { k, pooling, groupBy: 'project' }, siblings);
}
