import { foldTypeStats, type TypeSourceRow } from './fold-type-stats.util';

const aGroup = (overrides: Partial<TypeSourceRow>): TypeSourceRow => ({
  type: 'prd',
  patterns: 1,
  used: 0,
  retrieved: 0,
  successes: 0,
  failures: 0,
  score_sum: 0.5,
  ...overrides,
});

describe(foldTypeStats.name, () => {
  it('sums the sources of a type and takes the exact mean score over all its patterns', () => {
    const [prd, ...rest] = foldTypeStats([
      aGroup({ patterns: 3, used: 1, retrieved: 4, successes: 2, score_sum: 2.25 }),
      aGroup({ patterns: 1, used: 1, retrieved: 2, failures: 1, score_sum: 1 / 3 }),
    ]);
    expect(rest).toEqual([]);
    expect(prd).toEqual({
      type: 'prd',
      patterns: 4,
      used: 2,
      retrieved: 6,
      successes: 2,
      failures: 1,
      meanSuccessScore: (2.25 + 1 / 3) / 4,
    });
  });

  it("lists types in the contract's order and leaves out empty ones", () => {
    const types = foldTypeStats([
      aGroup({ type: 'template', patterns: 5, score_sum: 2.5 }),
      aGroup({ type: 'qa', patterns: 0, score_sum: 0 }),
      aGroup({ type: 'prd' }),
    ]).map((entry) => entry.type);
    expect(types).toEqual(['prd', 'template']);
  });
});
