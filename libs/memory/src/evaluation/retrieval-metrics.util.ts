/** Retrieval quality of one query: what was returned (in rank order) against what is relevant. */
export interface QueryOutcome {
  readonly returned: readonly string[];
  readonly relevant: readonly string[];
}

/** Mean precision@k, recall@k and MRR over queries (MRR looks at the whole returned list). */
export function retrievalMetrics(outcomes: readonly QueryOutcome[], k: number) {
  let precision = 0;
  let recall = 0;
  let reciprocalRank = 0;
  for (const { returned, relevant } of outcomes) {
    const wanted = new Set(relevant);
    const hits = returned.slice(0, k).filter((id) => wanted.has(id)).length;
    precision += hits / k;
    recall += wanted.size === 0 ? 0 : hits / wanted.size;
    const first = returned.findIndex((id) => wanted.has(id));
    reciprocalRank += first === -1 ? 0 : 1 / (first + 1);
  }
  const n = Math.max(1, outcomes.length);
  return { precisionAtK: precision / n, recallAtK: recall / n, mrr: reciprocalRank / n };
}
