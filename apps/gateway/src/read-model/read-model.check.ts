import {
  missingReadModels,
  type NeededReadModel,
  type PresentColumn,
  ReadModelMissingError,
  readModelColumnsQuery,
} from '@agentbus/contracts';
import { AppLogger, HealthRegistry } from '@agentbus/observability';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ReadModelTables } from './read-model.tables';

/** Rejects with {@link ReadModelMissingError} naming each view version `needed` lacks. */
export async function assertReadModels(
  db: DataSource,
  needed: readonly NeededReadModel[],
): Promise<void> {
  const { text, values } = readModelColumnsQuery(needed);
  const present: PresentColumn[] = await db.query(text, values);
  const missing = missingReadModels(needed, present);
  if (missing.length > 0) throw new ReadModelMissingError(missing);
}

/**
 * The gateway is not ready while a view version it reads is missing: `/readyz` answers 503 naming
 * each view, its version and its owner, and start-up logs the same error. Not a boot failure, so
 * the gateway may start before the owners have migrated and turns ready once they have.
 */
@Injectable()
export class ReadModelCheck implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    private readonly tables: ReadModelTables,
    private readonly health: HealthRegistry,
    private readonly logger: AppLogger,
  ) {}

  onModuleInit(): void {
    this.health.register('read-models', () => assertReadModels(this.db, this.tables.needed));
  }

  async onApplicationBootstrap(): Promise<void> {
    try {
      await assertReadModels(this.db, this.tables.needed);
    } catch (error) {
      this.logger.pino.error({ err: error }, 'read models missing: not ready until they exist');
    }
  }
}
