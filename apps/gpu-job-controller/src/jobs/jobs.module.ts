import { PINO_LOGGER } from '@agentbus/observability';
import { type DynamicModule, Module } from '@nestjs/common';
import { type Logger } from 'pino';
import { Registry } from 'prom-client';
import { type GpuControllerConfig } from '../config';
import { createBackend } from './create-backend';
import { GPU_BACKEND } from './gpu-backend';
import { GpuJobCancelRequestedHandler } from './gpu-job-cancel-requested.handler';
import { GpuJobRequestedHandler } from './gpu-job-requested.handler';
import { GpuMetrics } from './gpu-metrics';
import {
  JobSupervisor,
  SUPERVISOR_SETTINGS,
  type SupervisorSettings,
} from './job-supervisor.service';

/** GPU task consumers, the supervisor and the configured backend. */
@Module({})
export class JobsModule {
  static register(config: GpuControllerConfig): DynamicModule {
    const settings: SupervisorSettings = {
      pendingTimeoutMs: config.GPU_JOB_PENDING_TIMEOUT_MS,
      resyncMs: config.GPU_RESYNC_MS,
      maxRunMs: config.GPU_JOB_MAX_RUN_MS,
      maxParallel:
        config.GPU_BACKEND === 'local' ? config.GPU_LOCAL_MAX_PARALLEL : Number.MAX_SAFE_INTEGER,
      logTailLines: config.GPU_LOG_TAIL_LINES,
    };
    return {
      module: JobsModule,
      providers: [
        GpuJobRequestedHandler,
        GpuJobCancelRequestedHandler,
        JobSupervisor,
        { provide: SUPERVISOR_SETTINGS, useValue: settings },
        { provide: GpuMetrics, inject: [Registry], useFactory: (r: Registry) => new GpuMetrics(r) },
        {
          provide: GPU_BACKEND,
          inject: [PINO_LOGGER],
          useFactory: (logger: Logger) =>
            createBackend(config, logger.child({ context: 'GpuBackend' })),
        },
      ],
    };
  }
}
