import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type GpuControllerConfig } from './config';
import { JobsModule } from './jobs/jobs.module';
import { GPU_CONTROLLER_MIGRATIONS } from './jobs/migrations';

/** gpu-job-controller's own tables live in this schema (each service owns its schema). */
export const DATABASE = {
  schema: 'gpu_controller',
  entities: [],
  migrations: GPU_CONTROLLER_MIGRATIONS,
} as const;

@Module({})
export class AppModule {
  static register(config: GpuControllerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ app: 'gpu-job-controller', config, ...DATABASE }),
        JobsModule.register(config),
      ],
    };
  }
}
