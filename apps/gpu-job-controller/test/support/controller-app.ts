import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GpuJobRequestedV1 } from '@agentbus/contracts';
import { type Bus, connectBus, Publisher } from '@agentbus/messaging';
import { deleteNamespaceStreams, natsUrl, postgresUrl, testNamespace } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import { GpuControllerConfig } from '../../src/config';
import { JobSupervisor } from '../../src/jobs/job-supervisor.service';

/** A GPU task request's data, with fresh ids unless given. */
export function aGpuTask(
  overrides: Partial<GpuJobRequestedV1['data']> = {},
): GpuJobRequestedV1['data'] {
  return {
    taskId: crypto.randomUUID(),
    projectId: crypto.randomUUID(),
    stage: 'ml_feasibility',
    attempt: 1,
    kind: 'feasibility',
    resources: { gpus: 1, gpuType: 'nvidia-l4', memoryGi: 16, cpu: 4 },
    inputs: [],
    deadlineAt: new Date(Date.now() + 600_000).toISOString(),
    ...overrides,
  };
}

/**
 * The controller's world for one test file: a namespace on the real NATS, a schema on the real
 * Postgres, and controllers booted in-process against it (several in turn: restarts).
 */
export async function controllerWorld() {
  const namespace = testNamespace();
  const schema = `${namespace}_gpu`;
  const pg = new Client({ connectionString: await postgresUrl() });
  await pg.connect();
  const bus: Bus = await connectBus({ servers: await natsUrl(), name: 'test', namespace });
  const apps = new Set<INestApplication>();
  const publisher = new Publisher(bus);

  return {
    pg,
    bus,
    schema,
    /** Boots a controller with this env (on top of the world's bus and database). */
    async boot(env: Record<string, string>) {
      const config = GpuControllerConfig.load({
        NATS_URL: await natsUrl(),
        DATABASE_URL: await postgresUrl(),
        DATABASE_SCHEMA: schema,
        BUS_NAMESPACE: namespace,
        LOG_LEVEL: 'warn',
        ...env,
      });
      const app = await NestFactory.create(AppModule.register(config), { logger: false });
      await app.init();
      apps.add(app);
      return {
        app,
        supervisor: app.get(JobSupervisor),
        async stop() {
          apps.delete(app);
          await app.close();
        },
      };
    },
    /** Publishes a GPU task request as the orchestrator would; `id` repeats a delivery. */
    request(task: GpuJobRequestedV1['data'], id?: string): Promise<unknown> {
      return publisher.publish(GpuJobRequestedV1, task, {
        source: 'test',
        correlationId: task.projectId,
        ...(id === undefined ? {} : { id }),
      });
    },
    /** The envelopes the controller's outbox holds for a task, by subject. */
    async results(taskId: string): Promise<{ subject: string; data: Record<string, unknown> }[]> {
      const { rows } = await pg.query<{
        subject: string;
        envelope: { data: Record<string, unknown> };
      }>(
        `SELECT subject, envelope FROM "${schema}".outbox
         WHERE envelope->'data'->>'taskId' = $1 ORDER BY seq`,
        [taskId],
      );
      return rows.map((row) => ({ subject: row.subject, data: row.envelope.data }));
    },
    async row(taskId: string): Promise<{ state: string; reason: string | null } | undefined> {
      const { rows } = await pg.query<{ state: string; reason: string | null }>(
        `SELECT state, reason FROM "${schema}".gpu_jobs WHERE task_id = $1`,
        [taskId],
      );
      return rows[0];
    },
    async stop(): Promise<void> {
      for (const app of apps) await app.close();
      await bus.close();
      await pg.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await pg.end();
      await deleteNamespaceStreams(await natsUrl(), namespace);
    },
  };
}

/** Writes a kubeconfig to a temporary file and returns its path. */
export function kubeconfigFile(content: string): string {
  const path = join(tmpdir(), `kubeconfig-${crypto.randomUUID()}.json`);
  writeFileSync(path, content);
  return path;
}
