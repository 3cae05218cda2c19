import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type MemoryConfig } from './config';
import { MEMORY_MIGRATIONS } from './patterns/migrations';
import { PatternsModule } from './patterns/patterns.module';

/** memory-service's own tables live in this schema (each service owns its schema). */
export const DATABASE = { schema: 'memory', entities: [], migrations: MEMORY_MIGRATIONS } as const;

@Module({})
export class AppModule {
  static register(config: MemoryConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({
          app: 'memory-service',
          config,
          ...DATABASE,
          chromaUrl: config.CHROMA_URL,
        }),
        PatternsModule.register(config),
      ],
    };
  }
}
