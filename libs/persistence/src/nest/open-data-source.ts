import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { initializeDataSource } from '../data-source/initialize-data-source';
import { runMigrations } from '../data-source/run-migrations';
import { type PersistenceModuleOptions } from './persistence-module-options';

/** Creates, connects and (if configured) migrates the DataSource; never leaves a pool behind. */
export async function openDataSource(options: PersistenceModuleOptions): Promise<DataSource> {
  const dataSource = await initializeDataSource(createDataSource(options));
  try {
    if (options.migrationsRun) await runMigrations(dataSource);
    return dataSource;
  } catch (error) {
    await dataSource.destroy().catch(() => undefined);
    throw error;
  }
}
