import { createHash, randomUUID } from 'node:crypto';
import { AGENTS, buildPrompt } from '@agentbus/agents';
import { type ArtifactRef, type StageId } from '@agentbus/contracts';
import { loadTaskContext } from '../../src/tasks/task-context.loader';
import { useOwnerSchemas } from '../support/owner-schemas';

const RESULT = JSON.stringify({
  jobName: 'agentbus-gpu-x-a1',
  backend: 'local',
  result: { benchmark: 'cpu-mlp-baseline', metrics: { samplesPerSecond: 18157, accuracy: 0.9863 } },
  durationMs: 1045,
});

// The three owners' schemas as production builds them; the worker reads the other two's views.
describe('a developer task with an ml_feasibility input (GPU result)', () => {
  const db = useOwnerSchemas(['master-orchestrator', 'gpu-job-controller']);

  const artifact = async (
    schema: string,
    table: string,
    projectId: string,
    stage: StageId,
    body: string,
    extra: Record<string, string>,
  ): Promise<ArtifactRef> => {
    const id = randomUUID();
    const sha256 = createHash('sha256').update(body).digest('hex');
    const columns = Object.keys(extra);
    await db.pg.query(
      `INSERT INTO "${schema}".${table} (id, project_id, stage, version, attempt, format, body, sha256, size_bytes${columns.map((c) => `, ${c}`).join('')})
       VALUES ($1, $2, $3, 1, 1, 'json', $4, $5, $6${columns.map((_, i) => `, $${i + 7}`).join('')})`,
      [id, projectId, stage, body, sha256, Buffer.byteLength(body), ...Object.values(extra)],
    );
    return { id, version: 1, sha256, format: 'json' };
  };

  it('loads the GPU result from the controller view and puts it in the developer prompt', async () => {
    const projectId = randomUUID();
    await db.pg.query(
      `INSERT INTO "${db.schemaOf('master-orchestrator')}".projects (id, name, requirements, options, state, submitted_by)
       VALUES ($1, 'Drone counts', 'Train a YOLO detector on drone images', '{}', 'running', 'test')`,
      [projectId],
    );
    await db.pg.query(
      `INSERT INTO "${db.schemaOf('master-orchestrator')}".stages (project_id, stage, state, attempt, target, task_id)
       VALUES ($1, 'development', 'dispatched', 1, 'cpu', $2)`,
      [projectId, randomUUID()],
    );
    const cpu = { agent: 'test', provider: 'offline', model: 'offline' };
    const inputs = await Promise.all(
      (['prd', 'plan', 'architecture', 'uiux'] as const).map(async (stage) => ({
        stage,
        artifact: await artifact(
          db.schemaOf('cpu-agent-worker'),
          'artifacts',
          projectId,
          stage,
          JSON.stringify({ stage }),
          cpu,
        ),
      })),
    );
    const gpuRef = await artifact(
      db.schemaOf('gpu-job-controller'),
      'gpu_artifacts',
      projectId,
      'ml_feasibility',
      RESULT,
      {
        job_name: 'agentbus-gpu-x-a1',
      },
    );
    const task = {
      taskId: randomUUID(),
      projectId,
      stage: 'development' as const,
      attempt: 1,
      agent: 'developer' as const,
      inputs: [...inputs, { stage: 'ml_feasibility' as const, artifact: gpuRef }],
      deadlineAt: new Date(Date.now() + 60_000).toISOString(),
    };

    const { context, stale } = await loadTaskContext(
      db.worker,
      db.schemaOf('master-orchestrator'),
      task,
      db.schemaOf('gpu-job-controller'),
    );
    expect(stale).toBeUndefined();
    expect(context.inputs.get('ml_feasibility')).toMatchObject({ format: 'json', body: RESULT });
    const prompt = buildPrompt(AGENTS.developer, context).messages[0]?.content ?? '';
    expect(prompt).toContain('ml_feasibility');
    expect(prompt).toContain('cpu-mlp-baseline');
  });

  it('refuses a GPU result whose hash does not match the reference', async () => {
    const projectId = randomUUID();
    const ref = await artifact(
      db.schemaOf('gpu-job-controller'),
      'gpu_artifacts',
      projectId,
      'ml_feasibility',
      RESULT,
      {
        job_name: 'j',
      },
    );
    const task = {
      taskId: randomUUID(),
      projectId,
      stage: 'qa' as const,
      attempt: 1,
      agent: 'qa' as const,
      inputs: [{ stage: 'ml_feasibility' as const, artifact: { ...ref, sha256: 'f'.repeat(64) } }],
      deadlineAt: new Date(Date.now() + 60_000).toISOString(),
    };
    await db.pg.query(
      `INSERT INTO "${db.schemaOf('master-orchestrator')}".projects (id, name, requirements, options, state, submitted_by)
       VALUES ($1, 'x', 'x', '{}', 'running', 'test')`,
      [projectId],
    );
    await expect(
      loadTaskContext(
        db.worker,
        db.schemaOf('master-orchestrator'),
        task,
        db.schemaOf('gpu-job-controller'),
      ),
    ).rejects.toThrow(/does not match its hash/);
  });
});
