import { ProjectsV1 } from '@agentbus/contracts';
import { ProjectDataRetentionModule } from '@agentbus/service-runtime';
import { type DynamicModule, Module } from '@nestjs/common';
import { type CpuWorkerConfig } from '../config';
import { ProjectDeletionRequestedHandler } from './project-deletion-requested.handler';

/**
 * The worker's share of a project's data lifecycle: artifacts and LLM calls of finished projects
 * pruned after their periods (project states read from the orchestrator's `projects_v1`), and a
 * project's data deleted on request.
 */
@Module({})
export class ProjectDataModule {
  static register(config: CpuWorkerConfig): DynamicModule {
    return {
      module: ProjectDataModule,
      imports: [
        ProjectDataRetentionModule.register({
          rules: [
            { table: 'artifacts', key: ['id'], keepDays: config.WORKER_ARTIFACTS_RETENTION_DAYS },
            {
              table: 'llm_calls',
              key: ['project_id', 'stage', 'attempt', 'step'],
              keepDays: config.WORKER_LLM_CALLS_RETENTION_DAYS,
            },
            // What memory answered an attempt matters only while its calls may be replayed.
            {
              table: 'memory_lookups',
              key: ['project_id', 'stage', 'attempt'],
              keepDays: config.WORKER_LLM_CALLS_RETENTION_DAYS,
            },
          ],
          projects: {
            schema: config.ORCHESTRATOR_SCHEMA,
            relation: ProjectsV1.view,
            lockable: false,
          },
          everyMs: config.RETENTION_INTERVAL_MS,
          batchSize: config.RETENTION_BATCH_SIZE,
        }),
      ],
      providers: [ProjectDeletionRequestedHandler],
    };
  }
}
