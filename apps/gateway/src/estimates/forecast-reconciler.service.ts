import { AppLogger } from '@agentbus/observability';
import { Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import { forecastErrorRatio } from './forecast-error';
import { ProjectForecastRepository } from './project-forecast.repository';

const EVERY_MS = 15_000;
const BATCH = 200;

/**
 * Reconciles each project's forecast with what it spent once it ends, and tracks the forecast
 * error of completed projects (`agent_bus_cost_forecast_error_ratio`: |actual − forecast| /
 * forecast). A pass every 15 s rather than a bus consumer: the end is read from the orchestrator's
 * view, the claim is one UPDATE, so nothing is lost across restarts and nothing is counted twice.
 */
@Injectable()
export class ForecastReconcilerService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly error: Histogram;

  constructor(
    private readonly forecasts: ProjectForecastRepository,
    private readonly logger: AppLogger,
    registry: Registry,
  ) {
    this.error = new Histogram({
      name: 'agent_bus_cost_forecast_error_ratio',
      help: 'Completed projects: |actual - forecast| / forecast of the LLM cost forecast made at submit',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [registry],
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.reconcile(), EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every project ended since the last; failures are retried at the next pass. */
  reconcile(): Promise<void> {
    this.running ??= this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<void> {
    try {
      for (;;) {
        const rows = await this.forecasts.reconcileEnded(BATCH);
        for (const row of rows) {
          if (row.final_state !== 'completed') continue;
          const ratio = forecastErrorRatio(row.forecast_usd, row.actual_cost_usd);
          if (ratio !== undefined) this.error.observe(Math.abs(ratio));
        }
        if (rows.length < BATCH) return;
      }
    } catch (error) {
      this.logger.pino.warn({ err: error }, 'forecast reconciliation failed; retrying later');
    }
  }
}
