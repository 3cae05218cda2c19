import { randomUUID } from 'node:crypto';
import { CpuTaskCancelRequestedV1 } from '@agentbus/contracts';
import { Publisher } from '@agentbus/messaging';
import { eventually } from '@agentbus/testing';
import { Registry } from 'prom-client';
import { startWorker } from '../support/worker-app';

describe('cancelling a project while its agent runs', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;

  beforeAll(async () => {
    worker = await startWorker({ LLM_OFFLINE_LATENCY_MS: '20000' });
  });

  afterAll(() => worker?.stop());

  it('aborts the in-flight model call: no artifact, no recorded (paid) call', async () => {
    const projectId = await worker.newProject();
    const taskId = randomUUID();
    await worker.dispatch(projectId, 'prd', 1, [], taskId);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the call is now in flight
    await new Publisher(worker.bus).publish(
      CpuTaskCancelRequestedV1,
      { projectId },
      { source: 'test', correlationId: projectId },
    );
    await eventually(async () =>
      expect(await worker.app.get(Registry).metrics()).toMatch(
        /agent_bus_agent_invocations_total\{agent="prd",outcome="cancelled"[^}]*\} 1/,
      ),
    );
    const counts = await worker.pg.query(
      `SELECT (SELECT count(*) FROM ${worker.workerSchema}.artifacts WHERE project_id = $1)::int AS artifacts,
              (SELECT count(*) FROM ${worker.workerSchema}.llm_calls WHERE project_id = $1)::int AS calls`,
      [projectId],
    );
    expect(counts.rows[0]).toEqual({ artifacts: 0, calls: 0 });
  });
});
