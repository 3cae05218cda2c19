import { type Bus, connectBus } from '@agentbus/messaging';
import {
  chromaUrl,
  createTestSchema,
  deleteNamespaceStreams,
  migrateOwnerSchema,
  natsUrl,
  postgresUrl,
  testNamespace,
} from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { chromaClientFor } from '@agentbus/memory';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import { MemoryConfig } from '../../src/config';

/**
 * memory-service booted in-process on its own namespace, schema and Chroma collection prefix, with
 * the orchestrator's and worker's schemas migrated as they would publish their views.
 */
export async function startMemoryHarness() {
  const namespace = testNamespace();
  const orchestrator = await createTestSchema(await postgresUrl());
  const worker = await createTestSchema(await postgresUrl());
  await migrateOwnerSchema(await postgresUrl(), 'master-orchestrator', orchestrator.schema);
  await migrateOwnerSchema(await postgresUrl(), 'cpu-agent-worker', worker.schema);
  const memorySchema = `${namespace}_memory`;
  const prefix = `${namespace.replace(/_/g, '-')}-`;
  const pg = new Client({ connectionString: await postgresUrl() });
  await pg.connect();
  const bus: Bus = await connectBus({ servers: await natsUrl(), name: 'test', namespace });
  const apps: INestApplication[] = [];
  const chromaUrls = new Set<string>([await chromaUrl()]);

  const configOf = async (env: Record<string, string>) =>
    MemoryConfig.load({
      NATS_URL: await natsUrl(),
      DATABASE_URL: await postgresUrl(),
      DATABASE_SCHEMA: memorySchema,
      CHROMA_URL: await chromaUrl(),
      ORCHESTRATOR_SCHEMA: orchestrator.schema,
      WORKER_SCHEMA: worker.schema,
      BUS_NAMESPACE: namespace,
      MEMORY_COLLECTION_PREFIX: prefix,
      MEMORY_EMBEDDER: 'hashed',
      MEMORY_REINDEX_INTERVAL_MS: '200',
      LOG_LEVEL: 'error',
      ...env,
    });

  return {
    bus,
    pg,
    memorySchema,
    orchestratorSchema: orchestrator.schema,
    workerSchema: worker.schema,
    prefix,
    /** Boots an instance (several may run, as replicas or one after another). */
    async start(env: Record<string, string> = {}): Promise<INestApplication> {
      const config = await configOf(env);
      chromaUrls.add(config.CHROMA_URL);
      const app = await NestFactory.create(AppModule.register(config), { logger: false });
      await app.init();
      apps.push(app);
      return app;
    },
    async stopApp(app: INestApplication): Promise<void> {
      apps.splice(apps.indexOf(app), 1);
      await app.close();
    },
    async stop(): Promise<void> {
      for (const app of apps.splice(0)) await app.close();
      await bus.close();
      for (const url of chromaUrls) {
        const client = chromaClientFor(url);
        const all = await client.listCollections().catch(() => []);
        for (const collection of all) {
          if (collection.name.startsWith(prefix)) await client.deleteCollection(collection);
        }
      }
      await pg.query(`DROP SCHEMA IF EXISTS "${memorySchema}" CASCADE`);
      await pg.end();
      await orchestrator.drop();
      await worker.drop();
      await deleteNamespaceStreams(await natsUrl(), namespace);
    },
  };
}
export type MemoryHarness = Awaited<ReturnType<typeof startMemoryHarness>>;
