import { AppLogger } from '@agentbus/observability';
import { Injectable } from '@nestjs/common';
import { type Principal } from '../auth/principal';
import { workspaceFilterOf } from '../workspaces/workspace';
import { type CostForecast, forecastCost } from './cost-forecast';
import { SpendHistoryRepository } from './spend-history.repository';

/**
 * The forecast a submission is stored with: the one `POST /v1/projects/estimate` would answer the
 * submitter. None without history, and none when history cannot be read: a forecast is worth
 * having, never worth refusing a submission over.
 */
@Injectable()
export class ProjectForecaster {
  constructor(
    private readonly history: SpendHistoryRepository,
    private readonly logger: AppLogger,
  ) {}

  async forecastFor(requirements: string, by: Principal): Promise<CostForecast | undefined> {
    try {
      const forecast = forecastCost(
        requirements.length,
        await this.history.recent(workspaceFilterOf(by)),
      );
      return forecast.basedOnProjects > 0 ? forecast : undefined;
    } catch (error) {
      this.logger.pino.warn({ err: error }, 'no cost forecast for this submission');
      return undefined;
    }
  }
}
