import './instrument';
import { runService } from '@agentbus/service-runtime';
import { AppModule, DATABASE } from './app.module';
import { createGatewayApp } from './bootstrap/create-gateway-app';
import { GatewayConfig } from './config';

void runService({
  app: 'gateway',
  loadConfig: () => GatewayConfig.load(process.env),
  module: (config) => AppModule.register(config),
  // Body parser, CORS and OpenAPI are set between creating the app and listening.
  create: (config) => createGatewayApp(config),
  database: (config) => ({
    ...DATABASE,
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA ?? DATABASE.schema,
  }),
});
