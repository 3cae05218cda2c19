import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { Artifacts1764200000001 } from './artifacts/1764200000001-artifacts.migration';
import { type CpuWorkerConfig } from './config';
import { TasksModule } from './tasks/tasks.module';

/** cpu-agent-worker's own tables live in this schema (each service owns its schema). */
export const DATABASE = {
  schema: 'cpu_worker',
  entities: [],
  migrations: [Artifacts1764200000001],
} as const;

@Module({})
export class AppModule {
  static register(config: CpuWorkerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ app: 'cpu-agent-worker', config, ...DATABASE }),
        TasksModule.register(config),
      ],
    };
  }
}
