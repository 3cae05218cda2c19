import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type OrchestratorConfig } from './config';
import { WorkflowModule } from './workflow/workflow.module';
import { WorkflowState1764200000000 } from './workflow-state/1764200000000-workflow-state.migration';

/** master-orchestrator's own tables live in this schema (each service owns its schema). */
export const DATABASE = {
  schema: 'orchestrator',
  entities: [],
  migrations: [WorkflowState1764200000000],
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
