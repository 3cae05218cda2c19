import { retrievalMetrics } from './retrieval-metrics.util';

describe(retrievalMetrics.name, () => {
  it('averages precision@k, recall@k and reciprocal rank over queries', () => {
    const metrics = retrievalMetrics(
      [
        { returned: ['a', 'x', 'b', 'y', 'z'], relevant: ['a', 'b'] },
        { returned: ['x', 'y', 'c'], relevant: ['c', 'd'] },
        { returned: ['x'], relevant: ['e'] },
      ],
      5,
    );
    expect(metrics.precisionAtK).toBeCloseTo((2 / 5 + 1 / 5 + 0) / 3);
    expect(metrics.recallAtK).toBeCloseTo((1 + 0.5 + 0) / 3);
    expect(metrics.mrr).toBeCloseTo((1 + 1 / 3 + 0) / 3);
  });

  it('counts only the first k results', () => {
    const metrics = retrievalMetrics([{ returned: ['x', 'a'], relevant: ['a'] }], 1);
    expect(metrics).toEqual({ precisionAtK: 0, recallAtK: 0, mrr: 0.5 });
  });
});
