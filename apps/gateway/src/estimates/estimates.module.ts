import { Module } from '@nestjs/common';
import { EstimatesController } from './estimates.controller';
import { ForecastReconcilerService } from './forecast-reconciler.service';
import { ProjectForecastRepository } from './project-forecast.repository';
import { ProjectForecaster } from './project-forecaster.service';
import { SpendHistoryRepository } from './spend-history.repository';

/**
 * Cost forecasts: before submit (`POST /v1/projects/estimate`) from past projects' spend, stored
 * with each submission, and reconciled with the actual spend when the project ends.
 */
@Module({
  controllers: [EstimatesController],
  providers: [
    SpendHistoryRepository,
    ProjectForecaster,
    ProjectForecastRepository,
    ForecastReconcilerService,
  ],
  exports: [ProjectForecaster, ProjectForecastRepository],
})
export class EstimatesModule {}
