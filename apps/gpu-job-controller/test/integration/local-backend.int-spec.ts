import { GpuArtifactsV1, GpuJobCancelRequestedV1 } from '@agentbus/contracts';
import { Publisher } from '@agentbus/messaging';
import { eventually } from '@agentbus/testing';
import { aGpuTask, controllerWorld } from '../support/controller-app';

describe('gpu-job-controller with the local backend', () => {
  let world: Awaited<ReturnType<typeof controllerWorld>>;

  beforeAll(async () => {
    world = await controllerWorld();
  });

  afterAll(() => world?.stop());

  const outcome = (taskId: string) =>
    eventually(
      async () => {
        const found = (await world.results(taskId)).find((r) => !r.subject.endsWith('started'));
        expect(found).toBeDefined();
        return found as { subject: string; data: Record<string, unknown> };
      },
      { timeoutMs: 30_000 },
    );

  it('runs the bundled CPU benchmark and stores its JSON result, hardware and log tail', async () => {
    const controller = await world.boot({ GPU_BACKEND: 'local' });
    const task = aGpuTask();
    await world.request(task);
    const result = await outcome(task.taskId);
    expect(result.subject).toBe('agentbus.gpu.v1.job.succeeded');
    const { rows } = await world.pg.query<{ body: string }>(
      `SELECT body FROM "${world.schema}".gpu_artifacts WHERE project_id = $1`,
      [task.projectId],
    );
    const body = JSON.parse(rows[0]?.body ?? '{}') as {
      result: { benchmark: string; metrics: Record<string, number> };
      hardware: { backend: string; gpus: unknown[] };
      logTail: string[];
    };
    expect(body.result.benchmark).toBe('cpu-mlp-baseline');
    expect(body.result.metrics['accuracy']).toBeGreaterThan(0.8);
    expect(body.result.metrics['samplesPerSecond']).toBeGreaterThan(0);
    expect(body.hardware).toMatchObject({ backend: 'local', gpus: expect.any(Array) });
    expect(body.logTail.some((line) => line.startsWith('epoch 8/8'))).toBe(true);
    // Readers (the CPU worker) see it through the published view, as the contract's row.
    const view = await world.pg.query(
      `SELECT * FROM "${world.schema}".${GpuArtifactsV1.view} WHERE project_id = $1`,
      [task.projectId],
    );
    const row = GpuArtifactsV1.row.parse(view.rows[0]);
    expect(row).toMatchObject({ stage: 'ml_feasibility', attempt: 1, version: 1, format: 'json' });
    expect(result.data['artifact']).toMatchObject({ id: row.id, sha256: row.sha256 });
    await controller.stop();
  });

  it('kills a job at its deadline, fails one that exits non-zero, and kills on cancel', async () => {
    const sleep = (seconds: number) =>
      JSON.stringify(['sh', '-c', `echo working; sleep ${seconds}`]);
    let controller = await world.boot({
      GPU_BACKEND: 'local',
      GPU_JOB_COMMAND: sleep(30),
      GPU_JOB_MAX_RUN_MS: '500',
    });
    const slow = aGpuTask();
    await world.request(slow);
    expect((await outcome(slow.taskId)).data['error']).toMatchObject({
      code: 'deadline_exceeded',
      retryable: false,
    });
    await controller.stop();

    controller = await world.boot({
      GPU_BACKEND: 'local',
      GPU_JOB_COMMAND: JSON.stringify(['sh', '-c', 'echo "no GPU here" >&2; exit 3']),
    });
    const broken = aGpuTask();
    await world.request(broken);
    const error = (await outcome(broken.taskId)).data['error'] as { code: string; message: string };
    expect(error).toMatchObject({ code: 'job_failed', retryable: true });
    expect(error.message).toContain('code 3');
    expect(error.message).toContain('no GPU here');
    await controller.stop();

    controller = await world.boot({ GPU_BACKEND: 'local', GPU_JOB_COMMAND: sleep(30) });
    const cancelled = aGpuTask();
    await world.request(cancelled);
    // Its job is known before the cancel (the child may already run: either state is a live job).
    await eventually(async () =>
      expect(['pending', 'running']).toContain((await world.row(cancelled.taskId))?.state),
    );
    await new Publisher(world.bus).publish(
      GpuJobCancelRequestedV1,
      { projectId: cancelled.projectId },
      { source: 'test', correlationId: cancelled.projectId },
    );
    await eventually(async () =>
      expect(await world.row(cancelled.taskId)).toMatchObject({ state: 'cancelled' }),
    );
    const started = Date.now();
    await controller.stop(); // would wait on a live child only if the cancel had not killed it
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await world.results(cancelled.taskId)).map((r) => r.subject)).toEqual([
      'agentbus.gpu.v1.job.started',
    ]);
  });
});
