import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type CpuWorkerConfig } from './config';

/** cpu-agent-worker's own tables live in this schema (each service owns its schema). */
export const DATABASE = { schema: 'cpu_worker', entities: [], migrations: [] } as const;

@Module({})
export class AppModule {
  static register(config: CpuWorkerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ app: 'cpu-agent-worker', config, ...DATABASE })],
    };
  }
}
