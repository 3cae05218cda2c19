import { performance } from 'node:perf_hooks';
import { type Embedder } from '../embedders/embedder';
import { type GroupPooling, poolByGroup } from '../ranking/group-pooling.util';
import { embedDocuments } from '../embedders/embed-documents.util';
import { type LabeledSet } from './labeled-set';
import { retrievalMetrics } from './retrieval-metrics.util';
import { searchCandidates } from './search-candidates';
import { dot } from '../text/dot.util';

/** One embedder's scores on a labeled set. */
export interface EmbedderEvaluation {
  readonly embedder: string;
  /**
   * `exact` (cosine order), `pooled w=…, depth=…` (the search's project-level pooling over every
   * pattern), or `… via search candidates` (pooling only what the search reads: 3·k nearest
   * neighbours and the leading projects' other patterns).
   */
  readonly method: string;
  readonly dimension: number;
  readonly precisionAtK: number;
  readonly recallAtK: number;
  readonly mrr: number;
  /** Per query: embedding the query plus an exact search over every pattern. */
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/**
 * Embeds the set's patterns, answers each query by exact cosine search (so the score measures the
 * embedder and the ranking, not the index), optionally re-ranked by the same project-level pooling
 * memory-service's search applies (over every pattern, or with `viaSearch` over the candidates
 * the search reads), and reports precision@k, recall@k, MRR and per-query latency.
 */
export async function evaluateEmbedder(
  embedder: Embedder,
  set: LabeledSet,
  k = 5,
  pooling?: GroupPooling,
  viaSearch = false,
): Promise<EmbedderEvaluation> {
  const vectors = await embedDocuments(
    embedder,
    set.patterns.map((pattern) => pattern.text),
  );
  const outcomes = [];
  const latencies: number[] = [];
  for (const query of set.queries) {
    const started = performance.now();
    const [vector = []] = await embedder.embed([query.text]);
    const hits = set.patterns.map((pattern, i) => ({
      id: pattern.id,
      group: pattern.project,
      similarity: dot(vector, vectors[i] ?? []),
    }));
    const candidates = pooling && viaSearch ? await searchCandidates(hits, k, pooling) : hits;
    const ranked = poolByGroup(candidates, pooling ?? { weight: 0, depth: 1 })
      .sort((a, b) => b.pooled - a.pooled)
      .map((hit) => hit.id);
    latencies.push(performance.now() - started);
    outcomes.push({ returned: ranked, relevant: query.relevant });
  }
  latencies.sort((a, b) => a - b);
  return {
    embedder: embedder.name,
    method: methodOf(pooling, viaSearch),
    dimension: embedder.dimension,
    ...retrievalMetrics(outcomes, k),
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
  };
}

function methodOf(pooling: GroupPooling | undefined, viaSearch: boolean): string {
  if (!pooling) return 'exact';
  const pooled = `pooled w=${pooling.weight}, depth=${pooling.depth}`;
  return viaSearch ? `${pooled} via search candidates` : pooled;
}
