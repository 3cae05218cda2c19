import './instrument';
import { runService } from '@agentbus/service-runtime';
import { AppModule, DATABASE } from './app.module';
import { CpuWorkerConfig } from './config';

void runService({
  app: 'cpu-agent-worker',
  loadConfig: () => CpuWorkerConfig.load(process.env),
  module: (config) => AppModule.register(config),
  database: (config) => ({
    ...DATABASE,
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA ?? DATABASE.schema,
  }),
});
