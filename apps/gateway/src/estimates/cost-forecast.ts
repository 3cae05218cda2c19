/** What one past completed project spent on one stage, and how long its requirements were. */
export interface PastStageSpend {
  readonly projectId: string;
  readonly requirementsChars: number;
  readonly stage: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/** A forecast figure set: tokens and dollars. */
export interface Spend {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
}

/** The forecast of a project: per stage and in total, and how many past projects it rests on. */
export interface CostForecast {
  readonly basedOnProjects: number;
  readonly stages: readonly (Spend & { readonly stage: string })[];
  readonly total: Spend;
}

type Point = readonly [x: number, y: number];

// Every prompt carries the requirements once plus a fixed part (instructions, schema, inputs), so
// spend is fitted as a + b × size by least squares; with one size only, its mean. Never negative.
const fitAt = (points: readonly Point[], x: number): number => {
  const n = points.length;
  if (n === 0) return 0;
  const meanX = points.reduce((sum, [px]) => sum + px, 0) / n;
  const meanY = points.reduce((sum, [, py]) => sum + py, 0) / n;
  const sxx = points.reduce((sum, [px]) => sum + (px - meanX) ** 2, 0);
  if (sxx === 0) return Math.max(0, meanY);
  const slope = points.reduce((sum, [px, py]) => sum + (px - meanX) * (py - meanY), 0) / sxx;
  return Math.max(0, meanY + slope * (x - meanX));
};

const roundUsd = (usd: number): number => Math.round(usd * 1e6) / 1e6;

/**
 * Forecasts a project's spend per stage from the requirements' size and what past completed
 * projects spent on each stage at their sizes. Stages in the order first seen in `history`.
 */
export const forecastCost = (
  requirementsChars: number,
  history: readonly PastStageSpend[],
): CostForecast => {
  const byStage = new Map<string, PastStageSpend[]>();
  for (const row of history) byStage.set(row.stage, [...(byStage.get(row.stage) ?? []), row]);
  const stages = [...byStage].map(([stage, rows]) => {
    const at = (pick: (row: PastStageSpend) => number) =>
      fitAt(
        rows.map((row): Point => [row.requirementsChars, pick(row)]),
        requirementsChars,
      );
    return {
      stage,
      inputTokens: Math.round(at((row) => row.inputTokens)),
      outputTokens: Math.round(at((row) => row.outputTokens)),
      costUsd: roundUsd(at((row) => row.costUsd)),
    };
  });
  const sum = (pick: (spend: Spend) => number) =>
    stages.reduce((total, stage) => total + pick(stage), 0);
  return {
    basedOnProjects: new Set(history.map((row) => row.projectId)).size,
    stages,
    total: {
      inputTokens: sum((stage) => stage.inputTokens),
      outputTokens: sum((stage) => stage.outputTokens),
      costUsd: roundUsd(sum((stage) => stage.costUsd)),
    },
  };
};
