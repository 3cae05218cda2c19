import { AppLogger } from '@agentbus/observability';
import {
  type FinishedProjectsSource,
  type ProjectRowsTable,
  pruneFinishedProjectRows,
} from '@agentbus/persistence';
import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { Counter, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

const DAY_MS = 86_400_000;

/** A table of per-project rows and how long rows of a finished project are kept (0: forever). */
export interface ProjectRetentionRule extends ProjectRowsTable {
  readonly keepDays: number;
}

/** What {@link ProjectDataRetentionModule} prunes, from where it learns project states, how often. */
export interface ProjectRetentionSettings {
  readonly rules: readonly ProjectRetentionRule[];
  readonly projects: FinishedProjectsSource;
  readonly everyMs: number;
  readonly batchSize: number;
}

const SETTINGS = Symbol('PROJECT_RETENTION_SETTINGS');

/**
 * Prunes a service's per-project tables on a schedule: rows of projects finished (completed,
 * failed, cancelled) longer ago than each table's period, in bounded batches (see
 * `pruneFinishedProjectRows`). Rows of a project still in flight are never touched. Every replica
 * runs it; concurrent passes skip each other's rows. Counts `agent_bus_retention_pruned_rows_total`.
 */
@Injectable()
export class ProjectDataRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private readonly pruned: Counter<'table'>;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(SETTINGS) private readonly settings: ProjectRetentionSettings,
    private readonly logger: AppLogger,
    registry: Registry,
  ) {
    this.pruned = new Counter({
      name: 'agent_bus_retention_pruned_rows_total',
      help: 'Rows of finished projects deleted by retention, by table',
      labelNames: ['table'],
      registers: [registry],
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), this.settings.everyMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One pass over every table; a failing table is logged and retried at the next pass. */
  async prune(now: Date = new Date()): Promise<Record<string, number>> {
    const deleted: Record<string, number> = {};
    for (const rule of this.settings.rules) {
      if (rule.keepDays === 0) continue;
      try {
        const finishedBefore = new Date(now.getTime() - rule.keepDays * DAY_MS);
        const count = await pruneFinishedProjectRows(this.db, rule, this.settings.projects, {
          finishedBefore,
          batchSize: this.settings.batchSize,
        });
        deleted[rule.table] = count;
        this.pruned.inc({ table: rule.table }, count);
        if (count > 0) {
          this.logger.pino.info({ table: rule.table, deleted: count }, 'retention pruned rows');
        }
      } catch (error) {
        this.logger.pino.warn(
          { err: error, table: rule.table },
          'retention failed; retrying later',
        );
      }
    }
    return deleted;
  }
}

/** Scheduled pruning of a service's per-project tables with the given settings. */
@Module({})
export class ProjectDataRetentionModule {
  static register(settings: ProjectRetentionSettings): DynamicModule {
    return {
      module: ProjectDataRetentionModule,
      providers: [{ provide: SETTINGS, useValue: settings }, ProjectDataRetention],
      exports: [ProjectDataRetention],
    };
  }
}
