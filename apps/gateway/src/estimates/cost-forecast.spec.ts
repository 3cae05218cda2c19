import { forecastCost, type PastStageSpend } from './cost-forecast';

const spend = (
  projectId: string,
  requirementsChars: number,
  stage: string,
  inputTokens: number,
  costUsd = inputTokens / 1e6,
): PastStageSpend => ({
  projectId,
  requirementsChars,
  stage,
  inputTokens,
  outputTokens: inputTokens / 10,
  costUsd,
});

describe(forecastCost.name, () => {
  it('forecasts nothing, from no projects, without history', () => {
    expect(forecastCost(5_000, [])).toEqual({
      basedOnProjects: 0,
      stages: [],
      total: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
    });
  });

  it('fits a fixed part plus a part growing with the requirements, per stage', () => {
    // prd: 1 000 tokens fixed + 1 per char; plan: 4 000 fixed + 2 per char.
    const history = [
      spend('a', 1_000, 'prd', 2_000),
      spend('a', 1_000, 'plan', 6_000),
      spend('b', 3_000, 'prd', 4_000),
      spend('b', 3_000, 'plan', 10_000),
    ];
    const forecast = forecastCost(2_000, history);
    expect(forecast.basedOnProjects).toBe(2);
    expect(forecast.stages).toEqual([
      { stage: 'prd', inputTokens: 3_000, outputTokens: 300, costUsd: 0.003 },
      { stage: 'plan', inputTokens: 8_000, outputTokens: 800, costUsd: 0.008 },
    ]);
    expect(forecast.total).toEqual({ inputTokens: 11_000, outputTokens: 1_100, costUsd: 0.011 });
  });

  it('takes the mean when every past project had the same size', () => {
    const history = [spend('a', 1_000, 'qa', 1_000), spend('b', 1_000, 'qa', 3_000)];
    expect(forecastCost(9_000, history).stages[0]?.inputTokens).toBe(2_000);
  });

  it('never forecasts a negative spend far below the sizes it has seen', () => {
    const history = [spend('a', 1_000, 'qa', 100), spend('b', 10_000, 'qa', 10_000)];
    expect(forecastCost(1, history).stages[0]).toMatchObject({ inputTokens: 0, costUsd: 0 });
  });
});
