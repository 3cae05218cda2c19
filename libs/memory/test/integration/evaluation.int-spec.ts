import { createEmbedder } from '../../src/embedders/create-embedder';
import { evaluateEmbedder } from '../../src/evaluation/evaluate-embedder';
import { SHIPPED_LABELED_SET } from '../../src/evaluation/labeled-set';
import { DEFAULT_GROUP_POOLING } from '../../src/ranking/group-pooling.util';

// With the real word vectors (the package's 294 MB, cached packed after the first load): the
// default must stay better than the lexical baseline, and not fall below what it measured.
describe('embedders on the shipped labeled set', () => {
  it('ranks the hybrid default above the hashed baseline on recall@5 and MRR', async () => {
    const hashed = await evaluateEmbedder(
      await createEmbedder({ kind: 'hashed' }),
      SHIPPED_LABELED_SET,
    );
    const hybrid = await evaluateEmbedder(
      await createEmbedder({ kind: 'hybrid' }),
      SHIPPED_LABELED_SET,
    );

    expect(hybrid.recallAtK).toBeGreaterThan(hashed.recallAtK + 0.1);
    expect(hybrid.mrr).toBeGreaterThan(hashed.mrr + 0.05);
    expect(hybrid.recallAtK).toBeGreaterThanOrEqual(0.52);
    expect(hybrid.mrr).toBeGreaterThanOrEqual(0.82);
  }, 180_000);

  it('reaches recall@5 0.8 with the search’s project pooling, also on the held-out half', async () => {
    const hybrid = await createEmbedder({ kind: 'hybrid' });
    const heldOut = {
      ...SHIPPED_LABELED_SET,
      queries: SHIPPED_LABELED_SET.queries.filter((_, i) => i % 2 === 0),
    };
    const all = await evaluateEmbedder(hybrid, SHIPPED_LABELED_SET, 5, DEFAULT_GROUP_POOLING);
    const even = await evaluateEmbedder(hybrid, heldOut, 5, DEFAULT_GROUP_POOLING);

    expect(all.recallAtK).toBeGreaterThanOrEqual(0.8);
    expect(even.recallAtK).toBeGreaterThanOrEqual(0.8);
    expect(all.mrr).toBeGreaterThanOrEqual(0.82);
  }, 180_000);

  it('keeps recall@5 0.8 pooling only the candidates the search reads', async () => {
    const hybrid = await createEmbedder({ kind: 'hybrid' });
    const heldOut = {
      ...SHIPPED_LABELED_SET,
      queries: SHIPPED_LABELED_SET.queries.filter((_, i) => i % 2 === 0),
    };
    const all = await evaluateEmbedder(hybrid, SHIPPED_LABELED_SET, 5, DEFAULT_GROUP_POOLING, true);
    const even = await evaluateEmbedder(hybrid, heldOut, 5, DEFAULT_GROUP_POOLING, true);

    expect(all.recallAtK).toBeGreaterThanOrEqual(0.8);
    expect(even.recallAtK).toBeGreaterThanOrEqual(0.8);
  }, 180_000);
});
