import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { CPU_WORKER_MIGRATIONS } from './artifacts/migrations';
import { type CpuWorkerConfig } from './config';
import { ProjectDataModule } from './project-data/project-data.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { TasksModule } from './tasks/tasks.module';

/** cpu-agent-worker's own tables live in this schema (each service owns its schema). */
export const DATABASE = {
  schema: 'cpu_worker',
  entities: [],
  migrations: CPU_WORKER_MIGRATIONS,
} as const;

@Module({})
export class AppModule {
  static register(config: CpuWorkerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Published outbox rows are deleted: the sent mark was a whole-row UPDATE on every message.
        ServiceCoreModule.forRoot({
          app: 'cpu-agent-worker',
          config,
          ...DATABASE,
          sentOutboxRows: 'delete',
        }),
        TasksModule.register(config),
        ReadModelsModule.register(config),
        ProjectDataModule.register(config),
      ],
    };
  }
}
