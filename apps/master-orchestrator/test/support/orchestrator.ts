import { natsUrl, postgresUrl } from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Registry } from 'prom-client';
import { AppModule } from '../../src/app.module';
import { OrchestratorConfig } from '../../src/config';
import { type WorkflowTopology } from '../../src/workflow/workflow-versions';

/** A master-orchestrator booted in this process (its HTTP server is not started). */
export interface RunningOrchestrator {
  readonly app: INestApplication;
  metrics(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Boots the app module against the real NATS and Postgres, in a namespace and schema of its own;
 * `workflowVersions` replaces the DAG versions it knows.
 */
export async function startOrchestrator(
  namespace: string,
  schema: string,
  env: Record<string, string> = {},
  workflowVersions?: readonly WorkflowTopology[],
): Promise<RunningOrchestrator> {
  const config = OrchestratorConfig.load({
    NATS_URL: await natsUrl(),
    DATABASE_URL: await postgresUrl(),
    DATABASE_SCHEMA: schema,
    BUS_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
    ORCH_TICK_MS: '50',
    ORCH_IDLE_TICK_MS: '50',
    ORCH_RETRY_BASE_MS: '200',
    ORCH_RETRY_MAX_MS: '1000',
    ORCH_QUEUE_DEPTH_CACHE_MS: '0',
    ...env,
  });
  const app = await NestFactory.create(AppModule.register(config, workflowVersions), {
    logger: ['error'],
  });
  await app.init();
  return {
    app,
    metrics: () => app.get(Registry).metrics(),
    close: () => app.close(),
  };
}
