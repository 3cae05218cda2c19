import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type OrchestratorConfig } from './config';
import { WorkflowModule } from './workflow/workflow.module';
import { ORCHESTRATOR_MIGRATIONS } from './workflow-state/migrations';

/** master-orchestrator's own tables live in this schema (each service owns its schema). */
export const DATABASE = {
  schema: 'orchestrator',
  entities: [],
  migrations: ORCHESTRATOR_MIGRATIONS,
} as const;

@Module({})
export class AppModule {
  static register(config: OrchestratorConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({ app: 'master-orchestrator', config, ...DATABASE }),
        WorkflowModule.register(config),
      ],
    };
  }
}
