import { join } from 'node:path';
import { type Bus, connectBus } from '@agentbus/messaging';
import { deleteNamespaceStreams, natsUrl, postgresUrl, testNamespace } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import { SkillsConfig } from '../../src/config';

/** The repository's shipped skills folder. */
export const SHIPPED_DIR = join(__dirname, '../../skills');

const TABLES = [
  'skills',
  'skill_versions',
  'skill_files',
  'agent_skill_allowlist',
  'capability_skills',
  'outbox',
];

/** The registry booted in-process on its own namespace and schema. */
export async function startRegistry(env: Record<string, string> = {}) {
  const namespace = testNamespace();
  const schema = `${namespace}_skills`;
  const config = SkillsConfig.load({
    NATS_URL: await natsUrl(),
    DATABASE_URL: await postgresUrl(),
    DATABASE_SCHEMA: schema,
    BUS_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
    SKILLS_INSTALL_SHIPPED: 'false',
    ...env,
  });
  const app: INestApplication = await NestFactory.create(AppModule.register(config, SHIPPED_DIR), {
    logger: false,
  });
  await app.init();
  const bus: Bus = await connectBus({ servers: await natsUrl(), name: 'test', namespace });
  const pg = new Client({ connectionString: await postgresUrl() });
  await pg.connect();
  return {
    app,
    bus,
    pg,
    schema,
    /** Every row of every registry table (files' bytes included, as hex) and the outbox. */
    async snapshot(): Promise<Record<string, string[]>> {
      const tables: Record<string, string[]> = {};
      for (const table of TABLES) {
        // The relay marks outbox rows published as it goes: compare what was written.
        const row = table === 'outbox' ? '(t.id, t.subject, t.envelope)' : 't';
        const { rows } = await pg.query<{ row: string }>(
          `SELECT ${row}::text AS row FROM "${schema}".${table} t ORDER BY 1`,
        );
        tables[table] = rows.map((r) => r.row);
      }
      return tables;
    },
    async stop(): Promise<void> {
      await app.close();
      await bus.close();
      await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pg.end();
      await deleteNamespaceStreams(await natsUrl(), namespace);
    },
  };
}
