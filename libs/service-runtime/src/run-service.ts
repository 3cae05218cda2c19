import { ConfigError } from '@agentbus/config';
import { type AppName } from '@agentbus/contracts';
import { AppLogger, createLogger } from '@agentbus/observability';
import { type CreateDataSourceOptions, runMigrateCli } from '@agentbus/persistence';
import { type DynamicModule, type INestApplication } from '@nestjs/common';
import { type Logger } from 'pino';
import { NestFactory } from '@nestjs/core';
import { type ServiceConfig } from './service-env';

/** How one app starts: its name, its config loader and its root module. */
export interface ServiceSpec<C extends ServiceConfig> {
  readonly app: AppName;
  readonly loadConfig: () => C;
  readonly module: (config: C) => DynamicModule;
  /** Database options for the `migrate` / `status` commands (`node main.js migrate`). */
  readonly database?: (config: C) => CreateDataSourceOptions;
  /**
   * Creates the app instead of `NestFactory.create(module(config))`, for an app that configures its
   * HTTP server (body parser, CORS, OpenAPI) between creating and listening.
   */
  readonly create?: (config: C) => Promise<INestApplication>;
}

// sysexits(3): configuration error. Distinct from a crash so an operator knows to fix the env.
const EX_CONFIG = 78;

/**
 * Starts a service from its built output: validates config (exit 78 naming every bad variable),
 * boots Nest with JSON logs, serves health/metrics (and the app's routes), and on SIGTERM/SIGINT
 * fails readiness, stops pulling, finishes or naks in-flight work, drains NATS, closes Postgres and
 * exits 0 — or exits 1 if that takes longer than SHUTDOWN_TIMEOUT_MS.
 */
export async function runService<C extends ServiceConfig>(spec: ServiceSpec<C>): Promise<void> {
  const bootLog = createLogger({ service: spec.app });
  let config: C;
  try {
    config = spec.loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    bootLog.fatal({ problems: error.problems }, `${error.message}\nFix the variables and restart.`);
    bootLog.flush();
    process.exitCode = EX_CONFIG;
    return;
  }

  const [command] = process.argv.slice(2);
  if (command === 'migrate' || command === 'status') {
    if (spec.database === undefined) throw new Error(`${spec.app} has no database`);
    process.exitCode = await runMigrateCli(spec.database(config), [command]);
    return;
  }

  let app: INestApplication;
  try {
    app = spec.create
      ? await spec.create(config)
      : await NestFactory.create(spec.module(config), { bufferLogs: true, abortOnError: false });
  } catch (error) {
    bootLog.fatal(
      { err: error },
      `${spec.app} could not start: ${(error as Error).message}. Check that NATS (NATS_URL) and ` +
        'Postgres (DATABASE_URL) are reachable, e.g. `eval "$(tools/scripts/dev-services.sh start)"`.',
    );
    bootLog.flush();
    process.exit(1);
  }
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  stopOnSignals(app, config.SHUTDOWN_TIMEOUT_MS, logger.pino);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  logger.pino.info({ port: config.HTTP_PORT }, `${spec.app} is up`);
}

function stopOnSignals(app: INestApplication, timeoutMs: number, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const watchdog = setTimeout(() => {
      logger.error({ timeoutMs }, 'shutdown took too long; exiting');
      process.exit(1);
    }, timeoutMs);
    watchdog.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
