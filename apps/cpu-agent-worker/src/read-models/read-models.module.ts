import {
  missingReadModels,
  type NeededReadModel,
  type PresentColumn,
  ProjectRequirementsV1,
  ProjectsV1,
  ReadModelMissingError,
  readModelColumnsQuery,
} from '@agentbus/contracts';
import { AppLogger, HealthRegistry } from '@agentbus/observability';
import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type CpuWorkerConfig } from '../config';

const NEEDED = Symbol('NEEDED_READ_MODELS');

/**
 * The worker is not ready while the orchestrator's `project_requirements_v1` or `projects_v1` is
 * missing: `/readyz` answers 503 naming the view and its version, and start-up logs the same error.
 */
@Injectable()
export class ReadModelCheck implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(NEEDED) private readonly needed: readonly NeededReadModel[],
    private readonly health: HealthRegistry,
    private readonly logger: AppLogger,
  ) {}

  onModuleInit(): void {
    this.health.register('read-models', () => this.check());
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await this.check();
    } catch (error) {
      this.logger.pino.error({ err: error }, 'read models missing: not ready until they exist');
    }
  }

  private async check(): Promise<void> {
    const { text, values } = readModelColumnsQuery(this.needed);
    const present: PresentColumn[] = await this.db.query(text, values);
    const missing = missingReadModels(this.needed, present);
    if (missing.length > 0) throw new ReadModelMissingError(missing);
  }
}

/** The read models of other services this worker reads (ADR 0005). */
@Module({})
export class ReadModelsModule {
  static register(config: CpuWorkerConfig): DynamicModule {
    const needed: NeededReadModel[] = [
      { schema: config.ORCHESTRATOR_SCHEMA, model: ProjectRequirementsV1 },
      // Retention prunes artifacts and LLM calls only of projects this view shows finished.
      { schema: config.ORCHESTRATOR_SCHEMA, model: ProjectsV1 },
    ];
    return {
      module: ReadModelsModule,
      providers: [{ provide: NEEDED, useValue: needed }, ReadModelCheck],
    };
  }
}
