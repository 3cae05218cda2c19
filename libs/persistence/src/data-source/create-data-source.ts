import { DataSource, type EntitySchema, type MigrationInterface } from 'typeorm';
import { PERSISTENCE_ENTITIES } from '../persistence-entities';
import { InboxOutbox1764000000000 } from '../migrations/1764000000000-inbox-outbox';
import { assertSchemaName } from './schema-name.util';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** An entity class or schema, as TypeORM takes them. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity target type
export type EntityClass = Function | EntitySchema;
/** A migration class; its name ends in a 13-digit timestamp, which orders migrations. */
export type MigrationClass = new () => MigrationInterface;

/** Options for {@link createDataSource}. */
export interface CreateDataSourceOptions {
  /** `postgres://user:password@host:port/database`, usually `DATABASE_URL`. */
  readonly url: string;
  /** The service's own Postgres schema; its tables and its migrations table live there. */
  readonly schema: string;
  readonly entities: readonly EntityClass[];
  readonly migrations: readonly MigrationClass[];
  /** Pool size; default 10. */
  readonly poolSize?: number;
  /** Shown in `pg_stat_activity`; default `agentbus-<schema>`. */
  readonly applicationName?: string;
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * A TypeORM {@link DataSource} for one service's schema: snake_case names, the inbox/outbox
 * entities and migration included, `search_path` pinned to the schema (so raw SQL and migrations
 * land there), and never `synchronize`. Call {@link initializeDataSource} and {@link runMigrations}.
 */
export function createDataSource(options: CreateDataSourceOptions): DataSource {
  const schema = assertSchemaName(options.schema);
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema,
    entities: [...PERSISTENCE_ENTITIES, ...options.entities],
    migrations: [InboxOutbox1764000000000, ...options.migrations],
    migrationsTableName: 'migrations',
    // Each migration commits on its own, so a failure leaves the earlier ones applied and recorded.
    migrationsTransactionMode: 'each',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false, // runMigrations() does it, under a lock
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName ?? `agentbus-${schema}`,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    // Extensions need superuser; gen_random_uuid() is core since Postgres 13.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    extra: { options: `-c search_path=${schema}`, keepAlive: true },
  });
}
