import { HashedNgramEmbedder } from '../embedders/hashed-ngram.embedder';
import { evaluateEmbedder } from './evaluate-embedder';
import { SHIPPED_LABELED_SET } from './labeled-set';

describe('the shipped labeled set', () => {
  it('has at least 100 patterns and 30 queries whose relevant ids all exist', () => {
    const ids = new Set(SHIPPED_LABELED_SET.patterns.map((pattern) => pattern.id));
    expect(ids.size).toBe(SHIPPED_LABELED_SET.patterns.length);
    expect(ids.size).toBeGreaterThanOrEqual(100);
    expect(SHIPPED_LABELED_SET.queries.length).toBeGreaterThanOrEqual(30);
    const unknown = SHIPPED_LABELED_SET.queries.flatMap((q) =>
      q.relevant.filter((id) => !ids.has(id)),
    );
    expect(unknown).toEqual([]);
  });
});

describe(evaluateEmbedder.name, () => {
  it('scores a perfect retrieval 1 and reports the embedder', async () => {
    const set = {
      description: 'tiny',
      patterns: [
        { id: 'a', type: 'prd', text: 'stripe billing invoices' },
        { id: 'b', type: 'prd', text: 'kubernetes helm charts' },
      ],
      queries: [
        { text: 'billing invoices', relevant: ['a'] },
        { text: 'helm charts', relevant: ['b'] },
      ],
    };
    const result = await evaluateEmbedder(new HashedNgramEmbedder(256), set, 1);
    expect(result).toMatchObject({
      embedder: 'hashed-ngram-256',
      precisionAtK: 1,
      recallAtK: 1,
      mrr: 1,
    });
    expect(result.latencyP99Ms).toBeGreaterThanOrEqual(result.latencyP50Ms);
  });

  it('ranks with the given project pooling and names it', async () => {
    // "b" shares no word with the query but comes from the project of the best hit.
    const set = {
      description: 'pooled',
      patterns: [
        { id: 'a', type: 'prd', project: 'p', text: 'stripe billing invoices' },
        { id: 'b', type: 'qa', project: 'p', text: 'refund rounding test plan' },
        { id: 'c', type: 'prd', project: 'q', text: 'billing of helm charts' },
      ],
      queries: [{ text: 'stripe billing invoices', relevant: ['a', 'b'] }],
    };
    const embedder = new HashedNgramEmbedder(256);
    const exact = await evaluateEmbedder(embedder, set, 2);
    const pooled = await evaluateEmbedder(embedder, set, 2, { weight: 5, depth: 1 });
    expect(exact).toMatchObject({ method: 'exact', recallAtK: 0.5 });
    expect(pooled).toMatchObject({ method: 'pooled w=5, depth=1', recallAtK: 1 });
  });

  it('pools only the search’s candidates when asked, and names it', async () => {
    const set = {
      description: 'via search',
      patterns: [
        { id: 'a', type: 'prd', project: 'p', text: 'stripe billing invoices' },
        { id: 'b', type: 'qa', project: 'p', text: 'refund rounding test plan' },
        { id: 'c', type: 'prd', project: 'q', text: 'billing of helm charts' },
      ],
      queries: [{ text: 'stripe billing invoices', relevant: ['a', 'b'] }],
    };
    const viaSearch = await evaluateEmbedder(
      new HashedNgramEmbedder(256),
      set,
      2,
      { weight: 5, depth: 1 },
      true,
    );
    expect(viaSearch).toMatchObject({
      method: 'pooled w=5, depth=1 via search candidates',
      recallAtK: 1,
    });
  });
});
