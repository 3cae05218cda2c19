import { AppLogger } from '@agentbus/observability';
import { Injectable } from '@nestjs/common';
import { type Principal } from '../auth/principal';
import { workspaceFilterOf } from '../workspaces/workspace';
import { type CostForecast, type PastStageSpend, forecastCost } from './cost-forecast';
import { SpendHistoryRepository } from './spend-history.repository';

/** How long a workspace's spend history serves submissions: it moves only as projects complete. */
export const HISTORY_TTL_MS = 10_000;

interface CachedHistory {
  readonly at: number;
  readonly rows: Promise<PastStageSpend[]>;
}

/**
 * The forecast a submission is stored with: the one `POST /v1/projects/estimate` would answer the
 * submitter. None without history, and none when history cannot be read: a forecast is worth
 * having, never worth refusing a submission over. The history is read once per workspace set per
 * {@link HISTORY_TTL_MS}, and concurrent submissions share the read, so a burst of submissions
 * costs one aggregate query, not one each.
 */
@Injectable()
export class ProjectForecaster {
  private readonly cache = new Map<string, CachedHistory>();

  constructor(
    private readonly history: SpendHistoryRepository,
    private readonly logger: AppLogger,
  ) {}

  async forecastFor(requirements: string, by: Principal): Promise<CostForecast | undefined> {
    try {
      const forecast = forecastCost(requirements.length, await this.historyOf(by));
      return forecast.basedOnProjects > 0 ? forecast : undefined;
    } catch (error) {
      this.logger.pino.warn({ err: error }, 'no cost forecast for this submission');
      return undefined;
    }
  }

  private historyOf(by: Principal): Promise<PastStageSpend[]> {
    const workspaces = workspaceFilterOf(by);
    const key = workspaces === null ? '*' : [...workspaces].sort().join('\n');
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached !== undefined && now - cached.at < HISTORY_TTL_MS) return cached.rows;
    for (const [k, entry] of this.cache) if (now - entry.at >= HISTORY_TTL_MS) this.cache.delete(k);
    const rows = this.history.recent(workspaces);
    // A failed read is not kept: the next submission tries again.
    rows.catch(() => this.cache.delete(key));
    this.cache.set(key, { at: now, rows });
    return rows;
  }
}
