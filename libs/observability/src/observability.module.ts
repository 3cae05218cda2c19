import {
  type DynamicModule,
  type MiddlewareConsumer,
  Module,
  type NestModule,
} from '@nestjs/common';
import { Registry } from 'prom-client';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health-registry';
import { AppLogger } from './logging/app-logger.service';
import { createLogger } from './logging/create-logger';
import { createMetricsRegistry } from './metrics/create-metrics-registry';
import { HttpMetrics } from './metrics/http-metrics';
import { HttpMetricsMiddleware } from './metrics/http-metrics.middleware';
import { MessagingMetrics } from './metrics/messaging-metrics';
import { MetricsController } from './metrics/metrics.controller';
import { PINO_LOGGER } from './observability.constants';
import { type ObservabilityOptions } from './observability-options';

/**
 * Global module that makes a service observable: {@link AppLogger} and the pino logger, the
 * metrics {@link Registry} with {@link MessagingMetrics}, {@link HealthRegistry}, `GET /metrics`,
 * `/healthz` and `/readyz`, and HTTP latency metrics for every request.
 */
@Module({})
export class ObservabilityModule implements NestModule {
  /** Builds the module for one service; import it once, in the app module. */
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      controllers: [MetricsController, HealthController],
      providers: [
        {
          provide: PINO_LOGGER,
          useFactory: () =>
            createLogger({
              service: options.service,
              level: options.logLevel,
              destination: options.logDestination,
            }),
        },
        AppLogger,
        { provide: Registry, useFactory: () => createMetricsRegistry(options.service) },
        {
          provide: HttpMetrics,
          inject: [Registry],
          useFactory: (r: Registry) => new HttpMetrics(r),
        },
        {
          provide: MessagingMetrics,
          inject: [Registry],
          useFactory: (r: Registry) => new MessagingMetrics(r),
        },
        {
          provide: HealthRegistry,
          useFactory: () => new HealthRegistry(options.readinessTimeoutMs),
        },
        HttpMetricsMiddleware,
      ],
      exports: [PINO_LOGGER, AppLogger, Registry, MessagingMetrics, HealthRegistry],
    };
  }

  /** Times every request, including those no route or guard lets through. */
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
