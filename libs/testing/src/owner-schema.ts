import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';

type MigrationClass = new () => MigrationInterface;

/** Where each service exports the list of its schema's migrations (tables, then read models). */
const OWNER_MIGRATIONS = {
  'master-orchestrator': [
    'apps/master-orchestrator/src/workflow-state/migrations.ts',
    'ORCHESTRATOR_MIGRATIONS',
  ],
  'cpu-agent-worker': [
    'apps/cpu-agent-worker/src/artifacts/migrations.ts',
    'CPU_WORKER_MIGRATIONS',
  ],
  'gpu-job-controller': [
    'apps/gpu-job-controller/src/jobs/migrations.ts',
    'GPU_CONTROLLER_MIGRATIONS',
  ],
} as const;

/** A service that publishes read models (ADR 0005). */
export type ReadModelOwnerApp = keyof typeof OWNER_MIGRATIONS;

const ROOT = join(__dirname, '../../..');

/**
 * Builds `schema` the way `owner` would in production, by running the migration list it exports,
 * so a reader's test reads exactly the views (and grants) the owner publishes. Loaded by path:
 * libraries and apps never import apps, and this is fixture data for tests only.
 */
export async function migrateOwnerSchema(
  url: string,
  owner: ReadModelOwnerApp,
  schema: string,
): Promise<void> {
  const [file, name] = OWNER_MIGRATIONS[owner];
  const migrations = (require(join(ROOT, file)) as Record<string, MigrationClass[] | undefined>)[
    name
  ];
  if (migrations === undefined) throw new Error(`${file} no longer exports ${name}`);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  } finally {
    await client.end();
  }
  // Plain TypeORM, as the owner's DataSource runs them (search_path pinned to the schema): this
  // library cannot import @agentbus/persistence, whose tests import it.
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    schema,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    extra: { options: `-c search_path=${schema}` },
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}
