import { type UsageView } from './project-detail.views';

/** LLM calls summed (per stage, per project, or so far), as the worker's `llm_usage_v2` has them. */
export interface UsageSums {
  readonly input_tokens: number;
  readonly cache_read_tokens: number;
  readonly cache_write_tokens: number;
  readonly output_tokens: number;
  readonly cost_usd: number;
  readonly calls: number;
}

export const NO_USAGE: UsageView = {
  inputTokens: 0,
  cachedTokens: 0,
  cacheWriteTokens: 0,
  outputTokens: 0,
  totalTokens: 0,
  costUsd: 0,
  llmCalls: 0,
};

/** The usage of `rows` added up; total tokens count every prompt token, cached or not. */
export function usageView(rows: readonly UsageSums[]): UsageView {
  const sum = (pick: (row: UsageSums) => number) =>
    rows.reduce((total, row) => total + pick(row), 0);
  const inputTokens = sum((row) => row.input_tokens);
  const cachedTokens = sum((row) => row.cache_read_tokens);
  const cacheWriteTokens = sum((row) => row.cache_write_tokens);
  const outputTokens = sum((row) => row.output_tokens);
  return {
    inputTokens,
    cachedTokens,
    cacheWriteTokens,
    outputTokens,
    totalTokens: inputTokens + cachedTokens + cacheWriteTokens + outputTokens,
    // Summed in micro-dollars (numeric(14, 6)) so float drift never shows.
    costUsd: Math.round(sum((row) => row.cost_usd) * 1e6) / 1e6,
    llmCalls: sum((row) => row.calls),
  };
}
