import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ProjectDataDeletedV1, ProjectDeletionRequestedV1 } from '@agentbus/contracts';
import { type Bus, connectBus, Publisher } from '@agentbus/messaging';
import {
  createTestSchema,
  deleteNamespaceStreams,
  eventually,
  freePort,
  migrateOwnerSchema,
  natsUrl,
  postgresUrl,
  type ProcessHandle,
  startProcess,
  stopAllProcesses,
  testNamespace,
} from '@agentbus/testing';
import { Client } from 'pg';

const ROOT = join(__dirname, '../../../..');
const STEPS = 4;

// The real worker (its main.ts, from source) as a process that can die at any instruction.
describe('a project deletion in the worker, across crashes', () => {
  const namespace = testNamespace();
  const workerSchema = `${namespace}_cpu_worker`;
  let orchestrator: Awaited<ReturnType<typeof createTestSchema>>;
  let pg: Client;
  let bus: Bus;

  const startWorkerProcess = async (env: Record<string, string> = {}): Promise<ProcessHandle> => {
    const port = await freePort();
    const worker = startProcess({
      name: `cpu-agent-worker-${port}`,
      command: 'node',
      args: ['-r', '@swc-node/register', 'apps/cpu-agent-worker/src/main.ts'],
      cwd: ROOT,
      env: {
        SWC_NODE_PROJECT: 'apps/cpu-agent-worker/tsconfig.app.json',
        NATS_URL: await natsUrl(),
        DATABASE_URL: await postgresUrl(),
        DATABASE_SCHEMA: workerSchema,
        ORCHESTRATOR_SCHEMA: orchestrator.schema,
        BUS_NAMESPACE: namespace,
        LLM_PROVIDER: 'offline',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
        // Answers are counted in the outbox: one, never two, across the crash.
        OUTBOX_SENT_ROWS: 'keep',
        ...env,
      },
    });
    await worker.waitForHttp(`http://127.0.0.1:${port}/readyz`, { timeoutMs: 90_000 });
    return worker;
  };

  const aFinishedProject = async (): Promise<string> => {
    const id = randomUUID();
    await pg.query(
      `INSERT INTO ${orchestrator.schema}.projects (id, name, requirements, options, state, submitted_by)
       VALUES ($1, 'Crash test', 'r', '{}', 'completed', 'test')`,
      [id],
    );
    await pg.query(
      `INSERT INTO ${workerSchema}.artifacts (id, project_id, stage, version, attempt, format,
         body, sha256, size_bytes, agent, provider, model)
       VALUES ($1, $2, 'prd', 1, 1, 'markdown', '# PRD', repeat('a', 64), 5, 'prd', 'offline', 'm')`,
      [randomUUID(), id],
    );
    await pg.query(
      `INSERT INTO ${workerSchema}.llm_calls (project_id, stage, attempt, step, agent, provider,
         model, response, input_tokens, output_tokens, cost_usd, duration_ms)
       SELECT $1, 'prd', 1, step, 'prd', 'offline', 'm', '{}', 1, 1, 0, 1
       FROM generate_series(1, $2::int) step`,
      [id, STEPS],
    );
    return id;
  };
  const rowsOf = async (projectId: string) =>
    (
      await pg.query<{ artifacts: number; calls: number }>(
        `SELECT (SELECT count(*) FROM ${workerSchema}.artifacts WHERE project_id = $1)::int AS artifacts,
                (SELECT count(*) FROM ${workerSchema}.llm_calls WHERE project_id = $1)::int AS calls`,
        [projectId],
      )
    ).rows[0];
  const answersFor = async (projectId: string): Promise<number> =>
    (
      await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${workerSchema}.outbox
         WHERE subject = $1 AND envelope->'data'->>'projectId' = $2`,
        [ProjectDataDeletedV1.subject, projectId],
      )
    ).rows[0]?.n ?? 0;
  const requestDeletion = (projectId: string) =>
    new Publisher(bus).publish(
      ProjectDeletionRequestedV1,
      { projectId, requestedBy: 'key:admin' },
      { source: 'gateway', correlationId: projectId },
    );

  beforeAll(async () => {
    orchestrator = await createTestSchema(await postgresUrl());
    await migrateOwnerSchema(await postgresUrl(), 'master-orchestrator', orchestrator.schema);
    pg = new Client({ connectionString: await postgresUrl() });
    await pg.connect();
    bus = await connectBus({ servers: await natsUrl(), name: 'test', namespace });
  });

  afterEach(() => stopAllProcesses());

  afterAll(async () => {
    await bus?.close();
    await pg?.query(`DROP SCHEMA IF EXISTS ${workerSchema} CASCADE`);
    await pg?.end();
    await orchestrator?.drop();
    await deleteNamespaceStreams(await natsUrl(), namespace);
  });

  it('deletes once when the worker dies after committing, before acking', async () => {
    const first = await startWorkerProcess({ FAULT_EXIT_AT: 'after-commit-before-ack' });
    const projectId = await aFinishedProject();
    await requestDeletion(projectId);
    expect((await first.waitForExit(30_000)).code).toBe(137);
    expect(await rowsOf(projectId)).toEqual({ artifacts: 0, calls: 0 });

    const second = await startWorkerProcess();
    // The redelivery reaches the new process, which finds it in the inbox and only acks.
    await eventually(
      async () => {
        const { rows } = await pg.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${workerSchema}.inbox WHERE consumer = 'cpu-project-deletion-requested'`,
        );
        expect(rows[0]?.n).toBe(1);
        expect(second.output()).not.toMatch(/dead-letter/i);
      },
      { timeoutMs: 20_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 7_000)); // past the 5 s ack wait: a wrongful second apply would show
    expect(await answersFor(projectId)).toBe(1);
  });

  it('leaves everything in place when killed mid-transaction, and finishes after a restart', async () => {
    const first = await startWorkerProcess();
    const projectId = await aFinishedProject();
    // Hold one of the project's LLM call rows so the deletion blocks inside its transaction.
    const holder = new Client({ connectionString: await postgresUrl() });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query(
      `SELECT 1 FROM ${workerSchema}.llm_calls WHERE project_id = $1 AND step = 1 FOR UPDATE`,
      [projectId],
    );
    await requestDeletion(projectId);
    await eventually(async () => {
      const { rows } = await pg.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
         WHERE application_name = 'cpu-agent-worker' AND wait_event_type = 'Lock'`,
      );
      expect(rows[0]?.n).toBeGreaterThan(0);
    });
    first.kill('SIGKILL');
    await first.waitForExit();
    await holder.query('ROLLBACK');
    await holder.end();
    // The dead process's transaction rolled back: nothing half-deleted, nothing answered.
    await eventually(async () =>
      expect(await rowsOf(projectId)).toEqual({ artifacts: 1, calls: STEPS }),
    );
    expect(await answersFor(projectId)).toBe(0);

    await startWorkerProcess();
    await eventually(async () => expect(await answersFor(projectId)).toBe(1), {
      timeoutMs: 30_000,
    });
    expect(await rowsOf(projectId)).toEqual({ artifacts: 0, calls: 0 });
  });
});
