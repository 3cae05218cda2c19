import { randomUUID } from 'node:crypto';
import { agentForStage } from '@agentbus/agents';
import {
  cpuTaskRequestFor,
  type StageId,
  type TaskInput,
  type TaskMemory,
} from '@agentbus/contracts';
import { type Bus, connectBus, Publisher } from '@agentbus/messaging';
import {
  createTestSchema,
  deleteNamespaceStreams,
  migrateOwnerSchema,
  natsUrl,
  postgresUrl,
  testNamespace,
} from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { AppModule } from '../../src/app.module';
import { CpuWorkerConfig } from '../../src/config';

/** The worker booted in-process on its own namespace and schemas, with the offline provider. */
export async function startWorker(env: Record<string, string> = {}) {
  const namespace = testNamespace();
  const orchestrator = await createTestSchema(await postgresUrl());
  const workerSchema = `${namespace}_cpu_worker`;
  const pg = new Client({ connectionString: orchestrator.url });
  await pg.connect();
  // The orchestrator's own migrations: its tables (rows are inserted below) and the
  // project_requirements_v1 view the worker reads (ADR 0005).
  await migrateOwnerSchema(await postgresUrl(), 'master-orchestrator', orchestrator.schema);
  const config = CpuWorkerConfig.load({
    NATS_URL: await natsUrl(),
    DATABASE_URL: await postgresUrl(),
    DATABASE_SCHEMA: workerSchema,
    ORCHESTRATOR_SCHEMA: orchestrator.schema,
    BUS_NAMESPACE: namespace,
    LLM_PROVIDER: 'offline',
    LOG_LEVEL: 'warn',
    ...env,
  });
  const app: INestApplication = await NestFactory.create(AppModule.register(config), {
    logger: false,
  });
  await app.init();
  const bus: Bus = await connectBus({ servers: await natsUrl(), name: 'test', namespace });
  return {
    app,
    bus,
    pg,
    workerSchema,
    async newProject(): Promise<string> {
      const id = randomUUID();
      await pg.query(
        `INSERT INTO projects (id, name, requirements, options, state, submitted_by)
         VALUES ($1, 'Bike rental', $2, '{}', 'running', 'test')`,
        [
          id,
          'A bike rental web app: riders book bikes by the hour, pay by card, and get reminders. ' +
            'Admins manage the fleet and see utilisation reports.',
        ],
      );
      return id;
    },
    /** Dispatches as the orchestrator does: the stage row at this attempt, then the task. */
    async dispatch(
      projectId: string,
      stage: StageId,
      attempt: number,
      inputs: TaskInput[],
      taskId = randomUUID(),
      memory?: TaskMemory,
    ) {
      const agent = agentForStage(stage);
      if (!agent) throw new Error(`no agent for ${stage}`);
      await pg.query(
        `INSERT INTO stages (project_id, stage, state, attempt, target, task_id)
         VALUES ($1, $2, 'dispatched', $3, 'cpu', $4)
         ON CONFLICT (project_id, stage) DO UPDATE
         SET state = 'dispatched', attempt = EXCLUDED.attempt, task_id = EXCLUDED.task_id`,
        [projectId, stage, attempt, taskId],
      );
      return this.publishTask(projectId, stage, attempt, undefined, inputs, taskId, memory);
    },
    /** Publishes a task without touching the stage row (a late or stale delivery). */
    publishTask(
      projectId: string,
      stage: StageId,
      attempt: number,
      deadline = new Date(Date.now() + 60_000),
      inputs: TaskInput[] = [],
      taskId: string = randomUUID(),
      memory?: TaskMemory,
    ) {
      const agent = agentForStage(stage);
      if (!agent) throw new Error(`no agent for ${stage}`);
      return new Publisher(bus).publish(
        cpuTaskRequestFor(stage),
        {
          taskId,
          projectId,
          stage,
          attempt,
          agent: agent.id,
          inputs,
          deadlineAt: deadline.toISOString(),
          ...(memory === undefined ? {} : { memory }),
        },
        { source: 'test', correlationId: projectId },
      );
    },
    async stop(): Promise<void> {
      await app.close();
      await bus.close();
      await pg.query(`DROP SCHEMA IF EXISTS ${workerSchema} CASCADE`);
      await pg.end();
      await orchestrator.drop();
      await deleteNamespaceStreams(await natsUrl(), namespace);
    },
  };
}
