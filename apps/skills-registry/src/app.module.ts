import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type SkillsConfig } from './config';
import { SKILLS_MIGRATIONS } from './migrations/migrations';
import { SkillsModule } from './skills.module';

/** skills-registry's own tables live in this schema (each service owns its schema). */
export const DATABASE = { schema: 'skills', entities: [], migrations: SKILLS_MIGRATIONS } as const;

@Module({})
export class AppModule {
  static register(config: SkillsConfig, shippedDir?: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ app: 'skills-registry', config, ...DATABASE }),
        SkillsModule.register(config, shippedDir),
      ],
    };
  }
}
