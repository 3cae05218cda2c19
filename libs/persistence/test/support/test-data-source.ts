import { type DataSource } from 'typeorm';
import { createDataSource, initializeDataSource, runMigrations } from '../../src';
import { Counter } from './counter.entity';
import { CreateCounters1764000000100 } from './create-counters.migration';
import { databaseUrl } from './services';

/** A connected, migrated DataSource on `schema` with the {@link Counter} table. */
export async function openTestDataSource(
  schema: string,
  { applicationName, poolSize }: { applicationName?: string; poolSize?: number } = {},
): Promise<DataSource> {
  const dataSource = createDataSource({
    url: databaseUrl(),
    schema,
    entities: [Counter],
    migrations: [CreateCounters1764000000100],
    ...(applicationName === undefined ? {} : { applicationName }),
    ...(poolSize === undefined ? {} : { poolSize }),
  });
  await initializeDataSource(dataSource);
  await runMigrations(dataSource);
  return dataSource;
}
