import { randomUUID } from 'node:crypto';
import { AGENTS, agentForStage, parseOutput } from '@agentbus/agents';
import {
  type ArtifactRef,
  CpuTaskRequestedV1,
  type StageId,
  type TaskInput,
} from '@agentbus/contracts';
import { connectBus, type Bus, Publisher } from '@agentbus/messaging';
import {
  createTestSchema,
  deleteNamespaceStreams,
  eventually,
  natsUrl,
  postgresUrl,
  testNamespace,
  type TestSchema,
} from '@agentbus/testing';
import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { Registry } from 'prom-client';
import { AppModule } from '../../src/app.module';
import { CpuWorkerConfig } from '../../src/config';

// The pipeline's order and what each stage reads (the orchestrator's DAG decides this in production).
const ORDER: StageId[] = [
  'prd',
  'feature_tree',
  'plan',
  'architecture',
  'uiux',
  'development',
  'qa',
  'security',
  'documentation',
  'support',
  'pm_review',
  'delivery',
];

describe('cpu-agent-worker with the offline provider', () => {
  const namespace = testNamespace();
  let orchestrator: TestSchema;
  let app: INestApplication;
  let bus: Bus;
  let pg: Client;
  const workerSchema = `${namespace}_cpu_worker`;

  beforeAll(async () => {
    orchestrator = await createTestSchema(await postgresUrl());
    pg = new Client({ connectionString: orchestrator.url });
    await pg.connect();
    // The part of the orchestrator's `projects` table the worker reads (read-only in production).
    await pg.query(`CREATE TABLE projects (
      id uuid PRIMARY KEY, name text NOT NULL, requirements text NOT NULL, options jsonb NOT NULL,
      state text NOT NULL, submitted_by text NOT NULL)`);
    const config = CpuWorkerConfig.load({
      NATS_URL: await natsUrl(),
      DATABASE_URL: await postgresUrl(),
      DATABASE_SCHEMA: workerSchema,
      ORCHESTRATOR_SCHEMA: orchestrator.schema,
      BUS_NAMESPACE: namespace,
      LLM_PROVIDER: 'offline',
      LOG_LEVEL: 'warn',
    });
    app = await NestFactory.create(AppModule.register(config), { logger: false });
    await app.init();
    bus = await connectBus({ servers: await natsUrl(), name: 'test', namespace });
  });

  afterAll(async () => {
    await app?.close();
    await bus?.close();
    await pg.query(`DROP SCHEMA IF EXISTS ${workerSchema} CASCADE`);
    await pg.end();
    await orchestrator.drop();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  const newProject = async (): Promise<string> => {
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
  };

  const dispatch = (projectId: string, stage: StageId, attempt: number, inputs: TaskInput[]) => {
    const agent = agentForStage(stage);
    if (!agent) throw new Error(`no agent for ${stage}`);
    return new Publisher(bus).publish(
      CpuTaskRequestedV1,
      {
        taskId: randomUUID(),
        projectId,
        stage,
        attempt,
        agent: agent.id,
        inputs,
        deadlineAt: new Date(Date.now() + 60_000).toISOString(),
      },
      { source: 'test', correlationId: projectId },
    );
  };

  const artifactOf = async (projectId: string, stage: StageId, attempt: number) => {
    const rows = await pg.query<{
      id: string;
      version: number;
      sha256: string;
      format: 'json' | 'markdown';
      body: string;
    }>(
      `SELECT id, version, sha256, format, body FROM ${workerSchema}.artifacts
       WHERE project_id = $1 AND stage = $2 AND attempt = $3`,
      [projectId, stage, attempt],
    );
    return rows.rows[0];
  };

  const succeededResults = async (projectId: string) =>
    (
      await pg.query(
        `SELECT envelope FROM ${workerSchema}.outbox
         WHERE subject = 'agentbus.task.v1.cpu.succeeded' AND envelope->'data'->>'projectId' = $1`,
        [projectId],
      )
    ).rows.length;

  it('runs all twelve agents in order, each artifact valid against its schema or sections', async () => {
    const projectId = await newProject();
    const refs = new Map<StageId, ArtifactRef>();
    for (const stage of ORDER) {
      const agent = agentForStage(stage);
      if (!agent) throw new Error(stage);
      const inputs = [...agent.inputs, ...(agent.optionalInputs ?? [])]
        .filter((input) => refs.has(input))
        .map((input) => ({ stage: input, artifact: refs.get(input) as ArtifactRef }));
      await dispatch(projectId, stage, 1, inputs);
      const artifact = await eventually(
        async () => {
          const found = await artifactOf(projectId, stage, 1);
          expect(found).toBeDefined();
          return found as NonNullable<typeof found>;
        },
        { timeoutMs: 20_000 },
      );
      const parsed = parseOutput(AGENTS[agent.id], artifact.body);
      expect({ stage, problems: parsed.ok ? [] : parsed.problems }).toEqual({
        stage,
        problems: [],
      });
      expect(artifact.body.toLowerCase()).toContain('offline');
      refs.set(stage, {
        id: artifact.id,
        version: artifact.version,
        sha256: artifact.sha256,
        format: artifact.format,
      });
    }
    await eventually(async () => expect(await succeededResults(projectId)).toBe(ORDER.length));

    const metrics = await app.get(Registry).metrics();
    expect(metrics).toMatch(
      /agent_bus_agent_invocations_total\{agent="architect",outcome="succeeded"[^}]*\} [1-9]/,
    );
    expect(metrics).toMatch(
      /agent_bus_llm_tokens_total\{provider="offline",model="offline-1",direction="output"[^}]*\} [1-9]/,
    );
  });

  it('does not call the model or write a new version when an attempt is delivered again', async () => {
    const projectId = await newProject();
    await dispatch(projectId, 'prd', 1, []);
    const first = await eventually(async () => {
      const found = await artifactOf(projectId, 'prd', 1);
      expect(found).toBeDefined();
      return found;
    });
    await eventually(async () => expect(await succeededResults(projectId)).toBe(1));
    const calls = async () =>
      (
        await pg.query(
          `SELECT count(*)::int AS n FROM ${workerSchema}.llm_calls WHERE project_id = $1`,
          [projectId],
        )
      ).rows[0].n as number;
    const callsBefore = await calls();

    await dispatch(projectId, 'prd', 1, []); // same attempt, new message id (e.g. a re-sent task)
    await eventually(async () => expect(await succeededResults(projectId)).toBe(2));
    expect(await calls()).toBe(callsBefore);
    const versions = await pg.query(
      `SELECT version FROM ${workerSchema}.artifacts WHERE project_id = $1 AND stage = 'prd'`,
      [projectId],
    );
    expect(versions.rows).toEqual([{ version: first?.version }]);

    await dispatch(projectId, 'prd', 2, []); // a new attempt is a new version
    await eventually(async () => expect((await artifactOf(projectId, 'prd', 2))?.version).toBe(2));
  });
});
