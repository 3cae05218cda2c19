import type { StageId } from '@agentbus/contracts';
import { allocateBudget } from './allocate-budget';

const allot = (needs: [StageId, number][], total: number): Record<string, number> =>
  Object.fromEntries(
    allocateBudget(
      needs.map(([stage, tokens]) => ({ stage, tokens })),
      total,
    ),
  );

describe(allocateBudget.name, () => {
  it.each<{
    name: string;
    needs: [StageId, number][];
    total: number;
    want: Record<string, number>;
  }>([
    {
      name: 'gives everyone what they need when it all fits',
      needs: [
        ['prd', 100],
        ['plan', 200],
      ],
      total: 1_000,
      want: { prd: 100, plan: 200 },
    },
    {
      name: 'splits evenly when every input is large',
      needs: [
        ['prd', 5_000],
        ['plan', 5_000],
      ],
      total: 1_000,
      want: { prd: 500, plan: 500 },
    },
    {
      name: 'hands what a small input leaves to the large ones',
      needs: [
        ['prd', 100],
        ['plan', 5_000],
        ['architecture', 5_000],
      ],
      total: 1_000,
      want: { prd: 100, plan: 450, architecture: 450 },
    },
    {
      name: 'gives the remainder of an uneven split to the nearest upstream stages',
      needs: [
        ['prd', 5_000],
        ['plan', 5_000],
        ['development', 5_000],
      ],
      total: 1_001,
      want: { prd: 333, plan: 334, development: 334 },
    },
    {
      name: 'gives nothing when there is no budget',
      needs: [['prd', 10]],
      total: 0,
      want: { prd: 0 },
    },
  ])('$name', ({ needs, total, want }) => {
    const got = allot(needs, total);
    expect(got).toEqual(want);
    expect(Object.values(got).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(total);
  });
});
