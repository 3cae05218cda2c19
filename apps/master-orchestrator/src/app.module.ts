import { ServiceCoreModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type OrchestratorConfig } from './config';
import { ProjectDataModule } from './project-data/project-data.module';
import { EVENTS_RELAY_SOURCE } from './workflow/persistence/events-relay.source';
import { WorkflowModule } from './workflow/workflow.module';
import { type WorkflowTopology } from './workflow/workflow-versions';
import { ORCHESTRATOR_MIGRATIONS } from './workflow-state/migrations';

/** master-orchestrator's own tables live in this schema (each service owns its schema). */
export const DATABASE = {
  schema: 'orchestrator',
  entities: [],
  migrations: ORCHESTRATOR_MIGRATIONS,
} as const;

@Module({})
export class AppModule {
  /** `workflowVersions` replaces the DAG versions of WORKFLOW_VERSIONS (tests add a version). */
  static register(
    config: OrchestratorConfig,
    workflowVersions?: readonly WorkflowTopology[],
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Published outbox rows are deleted: the sent mark was a whole-row UPDATE on every message.
        // Workflow events are published from their `events` rows, with a relay of their own.
        ServiceCoreModule.forRoot({
          app: 'master-orchestrator',
          config,
          ...DATABASE,
          sentOutboxRows: 'delete',
          relaySources: [EVENTS_RELAY_SOURCE],
        }),
        ProjectDataModule.register(config),
        WorkflowModule.register(config, workflowVersions),
      ],
    };
  }
}
