import { forecastView } from './forecast-view.mapper';
import { type ForecastRow } from './project-detail.rows';

const aForecast = (over: Partial<ForecastRow> = {}): ForecastRow => ({
  requirements_chars: 2_000,
  based_on_projects: 3,
  forecast: {
    stages: [
      { stage: 'qa', inputTokens: 10, outputTokens: 1, costUsd: 0.01 },
      { stage: 'prd', inputTokens: 30, outputTokens: 3, costUsd: 0.03 },
    ],
    total: { inputTokens: 40, outputTokens: 4, costUsd: 0.04 },
  },
  created_at: new Date('2026-12-01T10:00:00Z'),
  reconciled_at: null,
  final_state: null,
  actual_cost_usd: null,
  ...over,
});

describe(forecastView.name, () => {
  it('is null for a project submitted without a forecast', () => {
    expect(forecastView(null, 1, new Map())).toBeNull();
  });

  it('shows the spend so far and no error while the project runs; stages in pipeline order', () => {
    expect(forecastView(aForecast(), 0.01, new Map([['prd', 0.01]]))).toMatchObject({
      basedOnProjects: 3,
      actualCostUsd: 0.01,
      errorPct: null,
      reconciledAt: null,
      stages: [
        { stage: 'prd', costUsd: 0.03, actualCostUsd: 0.01 },
        { stage: 'qa', costUsd: 0.01, actualCostUsd: 0 },
      ],
    });
  });

  it('shows the error of a completed project against its reconciled spend, signed', () => {
    const reconciled = {
      reconciled_at: new Date('2026-12-01T11:00:00Z'),
      final_state: 'completed',
    };
    expect(
      forecastView(aForecast({ ...reconciled, actual_cost_usd: 0.05 }), 9, new Map()),
    ).toMatchObject({
      actualCostUsd: 0.05,
      errorPct: 25,
      reconciledAt: '2026-12-01T11:00:00.000Z',
    });
    expect(
      forecastView(aForecast({ ...reconciled, actual_cost_usd: 0.03 }), 9, new Map())?.errorPct,
    ).toBe(-25);
  });

  it('shows no error for a project that failed or was cancelled, or when 0 was forecast', () => {
    const ended = { reconciled_at: new Date(), actual_cost_usd: 0.01 };
    expect(
      forecastView(aForecast({ ...ended, final_state: 'failed' }), 0, new Map())?.errorPct,
    ).toBeNull();
    const zero = aForecast({ ...ended, final_state: 'completed' });
    const nothing = {
      ...zero,
      forecast: { ...zero.forecast, total: { ...zero.forecast.total, costUsd: 0 } },
    };
    expect(forecastView(nothing, 0, new Map())?.errorPct).toBeNull();
  });
});
