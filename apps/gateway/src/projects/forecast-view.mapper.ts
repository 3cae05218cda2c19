import { pipelinePosition } from '@agentbus/contracts';
import { forecastErrorRatio } from '../estimates/forecast-error';
import { type ForecastRow } from './project-detail.rows';
import { type ForecastView } from './project-detail.views';

/**
 * The forecast made at submit beside the actual spend (per stage: `spentByStage`, as it stands):
 * in total `spentSoFar` while the project runs, the
 * amount fixed when it ended once reconciled. The error is shown for completed projects only: a
 * failed or cancelled one stopped short of what was forecast.
 */
export function forecastView(
  row: ForecastRow | null,
  spentSoFar: number,
  spentByStage: ReadonlyMap<string, number>,
): ForecastView | null {
  if (row === null) return null;
  const actualCostUsd = row.actual_cost_usd ?? spentSoFar;
  const ratio =
    row.reconciled_at !== null && row.final_state === 'completed'
      ? forecastErrorRatio(row.forecast.total.costUsd, actualCostUsd)
      : undefined;
  return {
    madeAt: row.created_at.toISOString(),
    basedOnProjects: row.based_on_projects,
    requirementsChars: row.requirements_chars,
    total: row.forecast.total,
    stages: [...row.forecast.stages]
      .sort((a, b) => pipelinePosition(a.stage) - pipelinePosition(b.stage))
      .map((stage) => ({ ...stage, actualCostUsd: spentByStage.get(stage.stage) ?? 0 })),
    actualCostUsd,
    errorPct: ratio === undefined ? null : Math.round(ratio * 1_000) / 10,
    reconciledAt: row.reconciled_at === null ? null : row.reconciled_at.toISOString(),
  };
}
