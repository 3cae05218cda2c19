import './instrument';
import { runService } from '@agentbus/service-runtime';
import { AppModule, DATABASE } from './app.module';
import { GatewayConfig } from './config';

void runService({
  app: 'gateway',
  loadConfig: () => GatewayConfig.load(process.env),
  module: (config) => AppModule.register(config),
  database: (config) => ({
    ...DATABASE,
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA ?? DATABASE.schema,
  }),
});
