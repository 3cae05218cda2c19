import { budgetOf } from './budget-fields';

describe(budgetOf.name, () => {
  it('sends the limits typed, and nothing when both are empty', () => {
    expect(budgetOf({ maxTokens: '50000', maxCostUsd: '' })).toEqual({ maxTokens: 50_000 });
    expect(budgetOf({ maxTokens: '', maxCostUsd: '2.5' })).toEqual({ maxCostUsd: 2.5 });
    expect(budgetOf({ maxTokens: ' ', maxCostUsd: '' })).toBeUndefined();
  });

  it('drops a limit that is not a positive number (whole, for tokens)', () => {
    expect(budgetOf({ maxTokens: '1.5', maxCostUsd: '-1' })).toBeUndefined();
    expect(budgetOf({ maxTokens: '0', maxCostUsd: '0.5' })).toEqual({ maxCostUsd: 0.5 });
  });
});
