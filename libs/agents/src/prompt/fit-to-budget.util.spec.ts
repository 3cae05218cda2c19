import { fitToBudget } from './fit-to-budget.util';

const byLength = (item: string): number => item.length;

describe(fitToBudget.name, () => {
  it('keeps items in order while they fit, skipping a costly one for a cheaper one after it', () => {
    expect(fitToBudget(['aaa', 'bbbbbb', 'cc', 'd'], 6, byLength)).toEqual({
      kept: ['aaa', 'cc', 'd'],
      skipped: ['bbbbbb'],
    });
  });

  it('keeps an item that uses the budget exactly', () => {
    expect(fitToBudget(['aaaa'], 4, byLength).kept).toEqual(['aaaa']);
  });

  it('keeps nothing in a zero or negative budget', () => {
    expect(fitToBudget(['a'], 0, byLength)).toEqual({ kept: [], skipped: ['a'] });
    expect(fitToBudget(['a'], -5, byLength).kept).toEqual([]);
  });
});
