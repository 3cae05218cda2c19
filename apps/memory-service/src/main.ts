import './instrument';
import { runService } from '@agentbus/service-runtime';
import { AppModule, DATABASE } from './app.module';
import { MemoryConfig } from './config';

void runService({
  app: 'memory-service',
  loadConfig: () => MemoryConfig.load(process.env),
  module: (config) => AppModule.register(config),
  chromaUrl: (config) => config.CHROMA_URL,
  database: (config) => ({
    ...DATABASE,
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA ?? DATABASE.schema,
  }),
});
