import { type ProjectState } from '@agentbus/contracts';
import { formatDuration, formatTokens, formatUsd } from '../output/format';
import { type Progress } from './progress-model';

/** What a progress bar or a status line shows. */
export interface ProgressSummary {
  readonly state: ProjectState;
  readonly done: number;
  readonly total: number;
  /** Stages running now (a retrying one says so), or what the project waits for. */
  readonly current: readonly string[];
  readonly tokens: number;
  readonly cachedTokens: number;
  readonly costUsd: number;
  /** Since the project was submitted; undefined when its submission time is unknown. */
  readonly elapsedMs: number | undefined;
}

export function summarize(progress: Progress, now = Date.now()): ProgressSummary {
  const entries = Object.entries(progress.stages);
  const done = entries.filter(([, status]) => status === 'succeeded').length;
  const running = entries
    .filter(([, status]) => status === 'running' || status === 'retrying')
    .map(([stage, status]) => (status === 'retrying' ? `${stage} (retrying)` : stage));
  const gate = progress.openGate;
  const current =
    gate !== undefined
      ? [`waiting for ${gate.gate}`]
      : running.length > 0
        ? running
        : [progress.state];
  return {
    state: progress.state,
    done,
    total: progress.stageCount,
    current,
    tokens: progress.tokens,
    cachedTokens: progress.cachedTokens,
    costUsd: progress.costUsd,
    elapsedMs: progress.createdAt === undefined ? undefined : Math.max(0, now - progress.createdAt),
  };
}

/** Tokens with the cached part when there is one: `12,345 tokens (4,000 cached)`. */
export const tokensWithCached = (tokens: number, cachedTokens: number): string =>
  cachedTokens > 0
    ? `${formatTokens(tokens)} (${formatTokens(cachedTokens).replace(' tokens', '')} cached)`
    : formatTokens(tokens);

/** `3/12 stages, 2m05s, 12,345 tokens (4,000 cached), $0.0123`: the watch's progress line. */
export const progressLine = (summary: ProgressSummary): string =>
  [
    `${summary.done}/${summary.total} stages`,
    ...(summary.elapsedMs === undefined ? [] : [formatDuration(summary.elapsedMs)]),
    tokensWithCached(summary.tokens, summary.cachedTokens),
    formatUsd(summary.costUsd),
  ].join(', ');
