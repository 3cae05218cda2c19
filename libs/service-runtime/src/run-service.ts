import { ConfigError } from '@agentbus/config';
import { type AppName } from '@agentbus/contracts';
import { AppLogger, createLogger } from '@agentbus/observability';
import { probeBus } from '@agentbus/messaging';
import { type CreateDataSourceOptions, probeDatabase, runMigrateCli } from '@agentbus/persistence';
import { type DynamicModule, type INestApplication } from '@nestjs/common';
import { type Server } from 'node:http';
import { type Logger } from 'pino';
import { NestFactory } from '@nestjs/core';
import { checkChroma } from './chroma-health';
import { type ServiceConfig } from './service-env';
import { startStartupResponder, type StartupState } from './startup-responder';
import { type Dependency, StartupAbortedError, waitForDependencies } from './wait-for-dependencies';

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
  /** Chroma base URL, for a service that cannot start without it (waited for like NATS). */
  readonly chromaUrl?: (config: C) => string;
}

// sysexits(3): configuration error. Distinct from a crash so an operator knows to fix the env.
const EX_CONFIG = 78;

/**
 * Starts a service from its built output: validates config (exit 78 naming every bad variable),
 * waits for NATS, Postgres (and Chroma) with capped backoff while `/healthz` answers 200 and
 * `/readyz` 503 naming what is missing, boots Nest with JSON logs, serves health/metrics (and the
 * app's routes), and on SIGTERM/SIGINT fails readiness, stops pulling, finishes or naks in-flight
 * work, drains NATS, closes Postgres and exits 0 — or exits 1 if that takes longer than
 * SHUTDOWN_TIMEOUT_MS. A signal before the app is up exits 0 at once.
 */
/** Idle keep-alive connections are closed by the server after this long. */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

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

  const app = await bootWhenDependenciesAreUp(spec, config, bootLog);
  const logger = app.get(AppLogger);
  app.useLogger(logger);
  stopOnSignals(app, config.SHUTDOWN_TIMEOUT_MS, logger.pino);
  const server = app.getHttpServer() as Server;
  // Longer than any load balancer's or client pool's idle timeout (60 s is common): the client side
  // closes an idle keep-alive connection first, so a request never races the server's close (a
  // reset the client cannot tell from a crash). Node's default, 5 s, lost requests under a flood.
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = KEEP_ALIVE_TIMEOUT_MS + 1_000;
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  logger.pino.info({ port: config.HTTP_PORT }, `${spec.app} is up`);
}

/**
 * Why probe first and keep Nest's providers as they are: Nest cannot listen before every provider
 * (the connections) exists, so a small responder holds the port meanwhile, and Nest boots only once
 * every link answers. A link that drops in the short window between probe and boot fails the boot
 * (exit 1), which the supervisor (`tools/scripts/supervise.sh`) or the orchestrator restarts.
 */
async function bootWhenDependenciesAreUp<C extends ServiceConfig>(
  spec: ServiceSpec<C>,
  config: C,
  bootLog: Logger,
): Promise<INestApplication> {
  const stopping = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    bootLog.info({ signal }, `${spec.app} stopping before it was up`);
    stopping.abort();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  const exitNow = (code: number): never => {
    bootLog.flush();
    process.exit(code);
  };

  const dependencies = dependenciesOf(spec, config);
  const state: StartupState = new Map(dependencies.map(({ name }) => [name, 'not checked yet']));
  const responder = await startStartupResponder(config.HTTP_HOST, config.HTTP_PORT, state).catch(
    (error: unknown) => {
      bootLog.fatal({ err: error }, `${spec.app} cannot listen on port ${config.HTTP_PORT}`);
      return exitNow(1);
    },
  );
  try {
    await waitForDependencies(dependencies, {
      logger: bootLog,
      signal: stopping.signal,
      report: (name, problem) => state.set(name, problem),
    });
  } catch (error) {
    if (!(error instanceof StartupAbortedError)) throw error;
    await responder.close();
    return exitNow(0);
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
    return exitNow(1);
  }
  await responder.close();
  if (stopping.signal.aborted) {
    await app.close();
    return exitNow(0);
  }
  // No await from here until runService installs its own handlers, so no signal goes unhandled.
  process.off('SIGTERM', onSignal);
  process.off('SIGINT', onSignal);
  return app;
}

function dependenciesOf<C extends ServiceConfig>(spec: ServiceSpec<C>, config: C): Dependency[] {
  const dependencies: Dependency[] = [
    { name: 'nats', probe: () => probeBus(config.NATS_URL) },
    { name: 'postgres', probe: () => probeDatabase(config.DATABASE_URL) },
  ];
  const chroma = spec.chromaUrl?.(config);
  if (chroma !== undefined) {
    dependencies.push({ name: 'chroma', probe: () => checkChroma(chroma, 2_000) });
  }
  return dependencies;
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
