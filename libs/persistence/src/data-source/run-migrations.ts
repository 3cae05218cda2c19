import { type DataSource, MigrationExecutor, type QueryRunner } from 'typeorm';
import { schemaOf } from './schema-of.util';

/**
 * Creates the service schema if missing and applies pending migrations, recording them in
 * `<schema>.migrations`. Replicas starting together take turns on a Postgres advisory lock, so
 * each migration runs once. Returns the names of the migrations it applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<readonly string[]> {
  const schema = schemaOf(dataSource);
  return withMigrationLock(dataSource, schema, async (runner) => {
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = dataSource.options.migrationsTransactionMode ?? 'each';
    const applied = await executor.executePendingMigrations();
    return applied.map((migration) => migration.name);
  });
}

/** Names of migrations not yet applied to the schema (read-only; the schema need not exist). */
export async function pendingMigrations(dataSource: DataSource): Promise<readonly string[]> {
  schemaOf(dataSource);
  const pending = await new MigrationExecutor(dataSource).getPendingMigrations();
  return pending.map((migration) => migration.name);
}

// A session-level lock held on the connection that runs the migrations, released even on failure
// (and by Postgres itself if this process dies).
async function withMigrationLock<T>(
  dataSource: DataSource,
  schema: string,
  body: (runner: QueryRunner) => Promise<T>,
): Promise<T> {
  const key = `agentbus.migrations.${schema}`;
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
    try {
      return await body(runner);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [key]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
