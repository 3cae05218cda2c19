import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../data-source/create-data-source';
import { initializeDataSource } from '../data-source/initialize-data-source';
import { runMigrations } from '../data-source/run-migrations';
import { isTransientConnectError } from '../data-source/transient-connect-error.util';
import { type PersistenceModuleOptions } from './persistence-module-options';

/** How long a booting service keeps retrying a Postgres that is down or restarting. */
export const DEFAULT_CONNECT_RETRY_MS = 60_000;
const FIRST_DELAY_MS = 250;
const MAX_DELAY_MS = 5_000;

/** What {@link openDataSource} is built from; tests replace the pieces. */
export interface OpenDataSourceDeps {
  readonly create: (options: PersistenceModuleOptions) => DataSource;
  readonly open: (dataSource: DataSource, options: PersistenceModuleOptions) => Promise<void>;
  readonly wait: (ms: number) => Promise<unknown>;
  readonly logger: Pick<Logger, 'warn' | 'log'>;
}

const defaults: OpenDataSourceDeps = {
  create: createDataSource,
  open: async (dataSource, options) => {
    await initializeDataSource(dataSource);
    if (options.migrationsRun) await runMigrations(dataSource);
  },
  wait: (ms) => sleep(ms),
  logger: new Logger('Persistence'),
};

/**
 * Creates, connects and (if configured) migrates the DataSource; never leaves a pool behind.
 * Postgres going away while the service boots (a restart, a failover) is retried with backoff for
 * `connectRetryMs`: the start-up probe saw it up, so exiting would only trade a short wait for a
 * crash loop. Misconfiguration (password, database name) and anything else fails at once.
 */
export async function openDataSource(
  options: PersistenceModuleOptions,
  deps: OpenDataSourceDeps = defaults,
): Promise<DataSource> {
  const deadline = Date.now() + (options.connectRetryMs ?? DEFAULT_CONNECT_RETRY_MS);
  for (let attempt = 1; ; attempt++) {
    const dataSource = deps.create(options);
    try {
      await deps.open(dataSource, options);
      if (attempt > 1) deps.logger.log(`Postgres is up after ${attempt} attempts`);
      return dataSource;
    } catch (error) {
      if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
      const delayMs = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempt - 1));
      if (!isTransientConnectError(error) || Date.now() + delayMs >= deadline) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      deps.logger.warn(
        `Postgres unavailable while starting (${reason}); retry ${attempt} in ${delayMs} ms`,
      );
      await deps.wait(delayMs);
    }
  }
}
