import { ProjectDataRetentionModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type OrchestratorConfig } from '../config';
import { ProjectDeletionRequestedHandler } from './project-deletion-requested.handler';

/**
 * The orchestrator's share of a project's data lifecycle: events, tasks and approvals of finished
 * projects pruned after their periods (the project row and its stages stay, so the project is
 * still listed), and a project's data deleted on request.
 */
@Module({})
export class ProjectDataModule {
  static register(config: OrchestratorConfig): DynamicModule {
    return {
      module: ProjectDataModule,
      imports: [
        ProjectDataRetentionModule.register({
          rules: [
            { table: 'events', key: ['seq'], keepDays: config.ORCH_EVENTS_RETENTION_DAYS },
            { table: 'tasks', key: ['id'], keepDays: config.ORCH_TASKS_RETENTION_DAYS },
            { table: 'approvals', key: ['id'], keepDays: config.ORCH_APPROVALS_RETENTION_DAYS },
          ],
          projects: { relation: 'projects', lockable: true },
          everyMs: config.RETENTION_INTERVAL_MS,
          batchSize: config.RETENTION_BATCH_SIZE,
        }),
      ],
      providers: [ProjectDeletionRequestedHandler],
    };
  }
}
