import { type GroupPooling, leadingGroups } from '../ranking/group-pooling.util';
import { type SiblingReader } from '../siblings/sibling-reader';
import { type ChromaPatternIndex, type IndexHit, type IndexQuery } from './chroma-pattern-index';

// Chroma returns this many candidates per wanted hit, so re-ranking by success score and dropping
// excluded or deleted patterns still leaves k.
const OVERFETCH = 3;
// At most this many siblings are read per search (a project has one pattern per stage: about 10).
const MAX_SIBLINGS = 200;

/** A search's candidates: what to filter on, how many hits are wanted, and how to pool them. */
export interface CandidateQuery extends Omit<IndexQuery, 'k' | 'groupBy'> {
  readonly k: number;
  readonly excludeIds?: readonly string[] | undefined;
  readonly pooling: GroupPooling;
  /** The metadata key naming a pattern's group (its source project). */
  readonly groupBy: string;
}

/**
 * The candidates a pooled search ranks: Chroma's nearest neighbours (3 per wanted hit, with their
 * group), and when pooling is on, the other members of the groups that lead among them, from
 * `siblings` (with the same filters, scored against `vector`); excluded ids left out. Each hit's
 * group comes with it from Chroma's metadata, or from `siblings` when it holds them all. One Chroma
 * query, then the siblings (memory-service: membership from Postgres, vectors cached). The
 * service's search and tools/bench/memory both call this, so the bench times what the service does.
 */
export async function pooledCandidates(
  index: Pick<ChromaPatternIndex, 'query'>,
  vector: readonly number[],
  query: CandidateQuery,
  siblings: SiblingReader,
): Promise<IndexHit[]> {
  const excluded = new Set(query.excludeIds ?? []);
  const filters = { types: query.types, where: query.where };
  const pooled = query.pooling.weight > 0;
  // Each hit's group from memory when the reader holds them: Chroma then returns no metadata.
  const lookup = pooled ? siblings.groupLookup?.() : undefined;
  const found = await index.query(vector, {
    k: Math.min(300, (query.k + excluded.size) * OVERFETCH),
    ...filters,
    ...(pooled && !lookup ? { groupBy: query.groupBy } : {}),
  });
  const near = lookup ? found.map((hit) => ({ ...hit, group: lookup(hit.id) })) : found;
  const kept = near.filter((hit) => !excluded.has(hit.id));
  if (!pooled) return kept;
  const groups = leadingGroups(kept, query.pooling, query.k);
  const seen = new Set(near.map((hit) => hit.id));
  const read = await siblings.read(vector, groups, filters, MAX_SIBLINGS);
  return [...kept, ...read.filter((hit) => !seen.has(hit.id) && !excluded.has(hit.id))];
}
