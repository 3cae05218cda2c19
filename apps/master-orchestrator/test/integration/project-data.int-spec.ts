import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  PermanentError,
  ProjectDataDeletedV1,
  ProjectDeletionRequestedV1,
} from '@agentbus/contracts';
import { connectBus, type Bus, Publisher } from '@agentbus/messaging';
import { ProjectDataRetention, ServiceCoreModule } from '@agentbus/service-runtime';
import {
  deleteNamespaceStreams,
  eventually,
  natsUrl,
  postgresUrl,
  testNamespace,
} from '@agentbus/testing';
import { type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { DATABASE } from '../../src/app.module';
import { OrchestratorConfig } from '../../src/config';
import { ProjectDataModule } from '../../src/project-data/project-data.module';
import { ProjectDeletionRequestedHandler } from '../../src/project-data/project-deletion-requested.handler';

const DAY_MS = 86_400_000;

@Module({})
class ProjectDataOnly {}

/** Retention and deletion of the orchestrator's tables, on its real migrations, NATS and Postgres. */
describe("the orchestrator's share of a project's data: retention and deletion", () => {
  const namespace = testNamespace();
  const schema = `${namespace}_orch`;
  let app: INestApplication;
  let db: DataSource;
  let bus: Bus;

  beforeAll(async () => {
    const config = OrchestratorConfig.load({
      NATS_URL: await natsUrl(),
      DATABASE_URL: await postgresUrl(),
      DATABASE_SCHEMA: schema,
      BUS_NAMESPACE: namespace,
      LOG_LEVEL: 'silent',
    });
    app = await NestFactory.create(
      {
        module: ProjectDataOnly,
        imports: [
          ServiceCoreModule.forRoot({ app: 'master-orchestrator', config, ...DATABASE, schema }),
          ProjectDataModule.register(config),
        ],
      },
      { logger: false },
    );
    await app.init();
    db = app.get(DataSource);
    bus = await connectBus({ servers: await natsUrl(), name: 'test', namespace });
  });

  afterAll(async () => {
    await bus?.close();
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await app?.close();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  /** A project in `state`, last changed `days` ago, with 2 events, 1 task, 1 approval, 1 stage. */
  const aProject = async (state: string, days: number): Promise<string> => {
    const id = randomUUID();
    const at = new Date(Date.now() - days * DAY_MS);
    await db.query(
      `INSERT INTO ${schema}.projects (id, name, requirements, options, state, submitted_by,
         created_at, updated_at)
       VALUES ($1, 'Bikes', 'requirements', '{}', $2, 'key:test', $3, $3)`,
      [id, state, at],
    );
    await db.query(
      `INSERT INTO ${schema}.stages (project_id, stage, state, attempt) VALUES ($1, 'prd', 'succeeded', 1)`,
      [id],
    );
    await db.query(
      `INSERT INTO ${schema}.tasks (id, project_id, stage, attempt, target, state, deadline_at)
       VALUES ($1, $2, 'prd', 1, 'cpu', 'succeeded', $3)`,
      [randomUUID(), id, at],
    );
    await db.query(
      `INSERT INTO ${schema}.approvals (id, project_id, gate, attempt, stage, state)
       VALUES ($1, $2, 'prd_approval', 1, 'prd', 'approved')`,
      [randomUUID(), id],
    );
    await db.query(
      `INSERT INTO ${schema}.events (id, project_id, type, data)
       VALUES ($1, $3, 'a', '{}'), ($2, $3, 'b', '{}')`,
      [randomUUID(), randomUUID(), id],
    );
    return id;
  };
  const rowsOf = async (projectId: string) =>
    (
      await db.query(
        `SELECT (SELECT count(*) FROM ${schema}.projects WHERE id = $1)::int AS projects,
                (SELECT count(*) FROM ${schema}.stages WHERE project_id = $1)::int AS stages,
                (SELECT count(*) FROM ${schema}.tasks WHERE project_id = $1)::int AS tasks,
                (SELECT count(*) FROM ${schema}.approvals WHERE project_id = $1)::int AS approvals,
                (SELECT count(*) FROM ${schema}.events WHERE project_id = $1)::int AS events`,
        [projectId],
      )
    )[0];
  const everything = { projects: 1, stages: 1, tasks: 1, approvals: 1, events: 2 };
  const answersFor = async (projectId: string): Promise<unknown[]> =>
    (
      await db.query(
        `SELECT envelope->'data' AS data FROM ${schema}.outbox
         WHERE subject = $1 AND envelope->'data'->>'projectId' = $2`,
        [ProjectDataDeletedV1.subject, projectId],
      )
    ).map((row: { data: unknown }) => row.data);
  const aRequest = (projectId: string) =>
    createEnvelope(
      ProjectDeletionRequestedV1,
      { projectId, requestedBy: 'key:admin' },
      { source: 'gateway', correlationId: projectId },
    );

  it('prunes events and tasks after 90 days and approvals after 365 days of finished projects only', async () => {
    const completed100 = await aProject('completed', 100);
    const cancelled400 = await aProject('cancelled', 400);
    const failed30 = await aProject('failed', 30);
    const running = await aProject('running', 400);
    const waiting = await aProject('waiting_approval', 400);
    const queued = await aProject('queued', 400);

    const deleted = await app.get(ProjectDataRetention).prune();

    expect(deleted).toEqual({ events: 4, tasks: 2, approvals: 1 });
    expect(await rowsOf(completed100)).toEqual({ ...everything, tasks: 0, events: 0 });
    expect(await rowsOf(cancelled400)).toEqual({
      ...everything,
      tasks: 0,
      events: 0,
      approvals: 0,
    });
    for (const kept of [failed30, running, waiting, queued]) {
      expect(await rowsOf(kept)).toEqual(everything);
    }
    expect(await app.get(Registry).metrics()).toMatch(
      /agent_bus_retention_pruned_rows_total\{table="events"[^}]*\} 4/,
    );
  });

  it('deletes the project and every row of it on request, answers once, leaves other projects', async () => {
    const doomed = await aProject('completed', 1);
    const other = await aProject('completed', 1);

    const request = aRequest(doomed);
    await new Publisher(bus).publishEnvelope(request);

    await eventually(async () =>
      expect(await answersFor(doomed)).toEqual([
        { projectId: doomed, service: 'master-orchestrator', deleted: 6 },
      ]),
    );
    expect(await rowsOf(doomed)).toEqual({
      projects: 0,
      stages: 0,
      tasks: 0,
      approvals: 0,
      events: 0,
    });
    expect(await rowsOf(other)).toEqual(everything);

    await app.get(ProjectDeletionRequestedHandler).handle(request); // a redelivery
    expect(await answersFor(doomed)).toHaveLength(1);
  });

  it('refuses a project that runs again (restarted after the gateway accepted), changing nothing', async () => {
    const running = await aProject('running', 1);

    await expect(
      app.get(ProjectDeletionRequestedHandler).handle(aRequest(running)),
    ).rejects.toThrow(PermanentError);
    await expect(
      app.get(ProjectDeletionRequestedHandler).handle(aRequest(running)),
    ).rejects.toThrow(/is running: cancel it/);
    expect(await rowsOf(running)).toEqual(everything);
    expect(await answersFor(running)).toEqual([]);
  });
});
