import { randomUUID } from 'node:crypto';
import {
  createEnvelope,
  ProjectDataDeletedV1,
  ProjectDeletionRequestedV1,
} from '@agentbus/contracts';
import { Publisher } from '@agentbus/messaging';
import { ProjectDataRetention } from '@agentbus/service-runtime';
import { eventually } from '@agentbus/testing';
import { Registry } from 'prom-client';
import { ProjectDeletionRequestedHandler } from '../../src/project-data/project-deletion-requested.handler';
import { startWorker } from '../support/worker-app';

const DAY_MS = 86_400_000;
const STEPS = 3;

describe("the worker's share of a project's data: retention and deletion", () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;

  beforeAll(async () => {
    // The spec reads the sent answers back from the outbox.
    worker = await startWorker({ OUTBOX_SENT_ROWS: 'keep' });
  });

  afterAll(() => worker?.stop());

  /**
   * A project in `state`, last changed `days` ago, with one artifact, STEPS LLM calls and the memory
   * answer its attempt was written with.
   */
  const aProject = async (state: string, days: number): Promise<string> => {
    const id = await worker.newProject();
    await worker.pg.query(`UPDATE projects SET state = $2, updated_at = $3 WHERE id = $1`, [
      id,
      state,
      new Date(Date.now() - days * DAY_MS),
    ]);
    await worker.pg.query(
      `INSERT INTO ${worker.workerSchema}.artifacts (id, project_id, stage, version, attempt, format,
         body, sha256, size_bytes, agent, provider, model)
       VALUES ($1, $2, 'prd', 1, 1, 'markdown', '# PRD', repeat('a', 64), 5, 'prd', 'offline', 'm')`,
      [randomUUID(), id],
    );
    await worker.pg.query(
      `INSERT INTO ${worker.workerSchema}.llm_calls (project_id, stage, attempt, step, agent,
         provider, model, response, input_tokens, output_tokens, cost_usd, duration_ms)
       SELECT $1, 'prd', 1, step, 'prd', 'offline', 'm', '{}', 10, 20, 0, 5
       FROM generate_series(1, $2::int) step`,
      [id, STEPS],
    );
    await worker.pg.query(
      `INSERT INTO ${worker.workerSchema}.memory_lookups (project_id, stage, attempt, memory, patterns)
       VALUES ($1, 'prd', 1, '{"patternIds": []}', '[]')`,
      [id],
    );
    return id;
  };
  const rowsOf = async (projectId: string) =>
    (
      await worker.pg.query<{ artifacts: number; calls: number }>(
        `SELECT (SELECT count(*) FROM ${worker.workerSchema}.artifacts WHERE project_id = $1)::int AS artifacts,
                (SELECT count(*) FROM ${worker.workerSchema}.llm_calls WHERE project_id = $1)::int AS calls`,
        [projectId],
      )
    ).rows[0];
  const answersFor = async (projectId: string) =>
    (
      await worker.pg.query<{ envelope: { data: unknown } }>(
        `SELECT envelope FROM ${worker.workerSchema}.outbox
         WHERE subject = $1 AND envelope->'data'->>'projectId' = $2`,
        [ProjectDataDeletedV1.subject, projectId],
      )
    ).rows.map((row) => row.envelope.data);

  it('prunes LLM calls after 30 days and artifacts after 365 days of finished projects only', async () => {
    const finished40 = await aProject('completed', 40);
    const failed400 = await aProject('failed', 400);
    const cancelled400 = await aProject('cancelled', 400);
    const recent = await aProject('completed', 10);
    const running = await aProject('running', 400);
    const waiting = await aProject('waiting_approval', 400);

    const deleted = await worker.app.get(ProjectDataRetention).prune();

    // Memory answers go with the LLM calls they fed.
    expect(deleted).toEqual({ artifacts: 2, llm_calls: 3 * STEPS, memory_lookups: 3 });
    expect(await rowsOf(finished40)).toEqual({ artifacts: 1, calls: 0 });
    expect(await rowsOf(failed400)).toEqual({ artifacts: 0, calls: 0 });
    expect(await rowsOf(cancelled400)).toEqual({ artifacts: 0, calls: 0 });
    for (const kept of [recent, running, waiting]) {
      expect(await rowsOf(kept)).toEqual({ artifacts: 1, calls: STEPS });
    }
    const metrics = await worker.app.get(Registry).metrics();
    expect(metrics).toMatch(/agent_bus_retention_pruned_rows_total\{table="artifacts"[^}]*\} 2/);
    expect(metrics).toMatch(/agent_bus_retention_pruned_rows_total\{table="llm_calls"[^}]*\} 9/);
  });

  it("deletes one project's artifacts and LLM calls on request, answers once, leaves others", async () => {
    const doomed = await aProject('completed', 1);
    const other = await aProject('completed', 1);

    await new Publisher(worker.bus).publish(
      ProjectDeletionRequestedV1,
      { projectId: doomed, requestedBy: 'key:admin' },
      { source: 'gateway', correlationId: doomed },
    );

    await eventually(async () =>
      expect(await answersFor(doomed)).toEqual([
        { projectId: doomed, service: 'cpu-agent-worker', deleted: 1 + STEPS + 1 },
      ]),
    );
    expect(await rowsOf(doomed)).toEqual({ artifacts: 0, calls: 0 });
    expect(await rowsOf(other)).toEqual({ artifacts: 1, calls: STEPS });
  });

  it('changes nothing and answers nothing more when the same request is delivered again', async () => {
    const doomed = await aProject('cancelled', 1);
    const request = createEnvelope(
      ProjectDeletionRequestedV1,
      { projectId: doomed, requestedBy: 'key:admin' },
      { source: 'gateway', correlationId: doomed },
    );
    const handler = worker.app.get(ProjectDeletionRequestedHandler);

    await handler.handle(request);
    await aProject('completed', 1); // unrelated work in between
    await handler.handle(request); // a redelivery of the same message

    expect(await answersFor(doomed)).toEqual([
      { projectId: doomed, service: 'cpu-agent-worker', deleted: 1 + STEPS + 1 },
    ]);
    expect(await rowsOf(doomed)).toEqual({ artifacts: 0, calls: 0 });
  });
});
