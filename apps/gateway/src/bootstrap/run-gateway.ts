import { ConfigError } from '@agentbus/config';
import { AppLogger, createLogger } from '@agentbus/observability';
import { runMigrateCli } from '@agentbus/persistence';
import { type INestApplication } from '@nestjs/common';
import { DATABASE } from '../app.module';
import { GatewayConfig } from '../config';
import { createGatewayApp } from './create-gateway-app';
import { stopOnSignals } from './stop-on-signals';

// sysexits(3): configuration error, distinct from a crash so an operator knows to fix the env.
const EX_CONFIG = 78;

/**
 * `runService` of @agentbus/service-runtime, for an app that must configure its HTTP server
 * (body parser, CORS, OpenAPI) between creating and listening, which `runService` has no hook for:
 * config errors exit 78, `migrate`/`status` run the migrations CLI, signals shut down in time.
 */
export async function runGateway(): Promise<void> {
  const bootLog = createLogger({ service: 'gateway' });
  let config: GatewayConfig;
  try {
    config = GatewayConfig.load(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    bootLog.fatal({ problems: error.problems }, `${error.message}\nFix the variables and restart.`);
    bootLog.flush();
    process.exitCode = EX_CONFIG;
    return;
  }
  const [command] = process.argv.slice(2);
  if (command === 'migrate' || command === 'status') {
    const schema = config.DATABASE_SCHEMA ?? DATABASE.schema;
    const database = { ...DATABASE, url: config.DATABASE_URL, schema };
    process.exitCode = await runMigrateCli(database, [command]);
    return;
  }
  let app: INestApplication;
  try {
    app = await createGatewayApp(config);
  } catch (error) {
    bootLog.fatal({ err: error }, `gateway could not start: ${(error as Error).message}`);
    bootLog.flush();
    process.exit(1);
  }
  const logger = app.get(AppLogger);
  stopOnSignals(app, config.SHUTDOWN_TIMEOUT_MS, logger.pino);
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  logger.pino.info({ port: config.HTTP_PORT }, 'gateway is up');
}
