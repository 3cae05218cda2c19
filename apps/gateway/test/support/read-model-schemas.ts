import { join } from 'node:path';
import {
  createDataSource,
  initializeDataSource,
  type MigrationClass,
  runMigrations,
} from '@agentbus/persistence';

const ROOT = join(__dirname, '../../../..');

// The orchestrator's and the worker's own migrations build the tables the gateway reads, so the
// tests read exactly the schema those services write. Loaded by path: apps never import apps,
// and this is test fixture data, not a dependency of the gateway.
const MIGRATIONS: Record<'orchestrator' | 'worker', [string, string]> = {
  orchestrator: [
    'apps/master-orchestrator/src/workflow-state/1764200000000-workflow-state.migration.ts',
    'WorkflowState1764200000000',
  ],
  worker: [
    'apps/cpu-agent-worker/src/artifacts/1764200000001-artifacts.migration.ts',
    'Artifacts1764200000001',
  ],
};

/** Creates `schema` with the orchestrator's (or worker's) tables by running its migration. */
export async function createReadModelSchema(
  url: string,
  owner: keyof typeof MIGRATIONS,
  schema: string,
): Promise<void> {
  const [file, name] = MIGRATIONS[owner];
  const migration = (require(join(ROOT, file)) as Record<string, MigrationClass>)[name];
  if (migration === undefined) throw new Error(`${file} no longer exports ${name}`);
  const dataSource = createDataSource({ url, schema, entities: [], migrations: [migration] });
  await initializeDataSource(dataSource);
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
