import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type SkillsConfig } from './config';

/** skills-registry's own tables live in this schema (each service owns its schema). */
export const DATABASE = { schema: 'skills', entities: [], migrations: [] } as const;

@Module({})
export class AppModule {
  static register(config: SkillsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServiceCoreModule.forRoot({ app: 'skills-registry', config, ...DATABASE })],
    };
  }
}
