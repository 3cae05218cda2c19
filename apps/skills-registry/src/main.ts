import './instrument';
import { runService } from '@agentbus/service-runtime';
import { AppModule, DATABASE } from './app.module';
import { SkillsConfig } from './config';

void runService({
  app: 'skills-registry',
  loadConfig: () => SkillsConfig.load(process.env),
  module: (config) => AppModule.register(config),
  database: (config) => ({
    ...DATABASE,
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA ?? DATABASE.schema,
  }),
});
