import { createEnvelope, GpuJobCancelRequestedV1, GpuJobRequestedV1 } from '@agentbus/contracts';
import { Publisher } from '@agentbus/messaging';
import { eventually } from '@agentbus/testing';
import { type V1Job } from '@kubernetes/client-node';
import { Registry } from 'prom-client';
import { GpuJobRequestedHandler } from '../../src/jobs/gpu-job-requested.handler';
import { jobNameOf } from '../../src/jobs/job-name.util';
import { buildJob } from '../../src/kubernetes/job-template';
import { FakeKubeApi } from '../support/fake-kube-api';
import { aGpuTask, controllerWorld, kubeconfigFile } from '../support/controller-app';

const RESULT = { metrics: { imagesPerSecond: 412.5, mAP50: 0.61 }, model: 'yolov8n' };
const LOG = ['loading dataset', 'epoch 1/1 loss=0.42', JSON.stringify(RESULT)].join('\n');
const GPU_TYPES = {
  'nvidia-l4': {
    nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-l4' },
    tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
  },
};

describe('gpu-job-controller on Kubernetes (fake API server)', () => {
  const kube = new FakeKubeApi('gpu-test');
  let world: Awaited<ReturnType<typeof controllerWorld>>;
  let env: Record<string, string>;
  let controller: Awaited<ReturnType<typeof world.boot>>;

  beforeAll(async () => {
    const server = await kube.start();
    world = await controllerWorld();
    env = {
      GPU_BACKEND: 'kubernetes',
      KUBECONFIG: kubeconfigFile(kube.kubeconfig(server)),
      GPU_JOB_TEMPLATE_PATH: '/nonexistent/job.yaml',
      GPU_JOB_IMAGE: 'registry.example/bench:1.2',
      GPU_JOB_COMMAND: '["python","-m","bench","--json"]',
      GPU_TYPES: JSON.stringify(GPU_TYPES),
      GPU_JOB_PENDING_TIMEOUT_MS: '1500',
      // Long resync: only watch events (and requests) drive passes, so the watch is what is tested.
      GPU_RESYNC_MS: '60000',
      GPU_JOB_TTL_SECONDS: '600',
    };
    controller = await world.boot(env);
  });

  afterAll(async () => {
    await world?.stop();
    await kube.stop();
  });

  const subjects = async (taskId: string) =>
    (await world.results(taskId)).map((result) => result.subject.split('.').slice(-1)[0]);

  it('creates the Job from the template: image, command, env, GPUs, pool, limits, labels, annotation', async () => {
    const task = aGpuTask({ resources: { gpus: 2, gpuType: 'nvidia-l4', memoryGi: 24, cpu: 8 } });
    await world.request(task);
    const name = jobNameOf(task.taskId, 1);
    const job = await eventually(() => {
      const found = kube.job(name);
      expect(found).toBeDefined();
      return found as V1Job;
    });
    const pod = job.spec?.template.spec;
    const container = pod?.containers[0];
    expect(job.metadata?.labels).toMatchObject({
      'agent-bus.io/gpu-job': 'true',
      'agent-bus.io/project-id': task.projectId,
      'agent-bus.io/task-id': task.taskId,
      'agent-bus.io/stage': 'ml_feasibility',
      'agent-bus.io/attempt': '1',
    });
    expect(JSON.parse(job.metadata?.annotations?.['agent-bus.io/task'] ?? '{}')).toEqual({
      projectId: task.projectId,
      stage: 'ml_feasibility',
      attempt: 1,
      taskId: task.taskId,
    });
    expect(job.spec).toMatchObject({ backoffLimit: 0, ttlSecondsAfterFinished: 600 });
    expect(job.spec?.activeDeadlineSeconds).toBeGreaterThan(500);
    expect(job.spec?.activeDeadlineSeconds).toBeLessThanOrEqual(600);
    expect(pod?.restartPolicy).toBe('Never');
    expect(pod?.nodeSelector).toEqual({ 'cloud.google.com/gke-accelerator': 'nvidia-l4' });
    expect(pod?.tolerations).toEqual(GPU_TYPES['nvidia-l4'].tolerations);
    expect(container?.image).toBe('registry.example/bench:1.2');
    expect(container?.command).toEqual(['python', '-m', 'bench', '--json']);
    expect(container?.resources?.limits).toMatchObject({ 'nvidia.com/gpu': '2' });
    expect(container?.resources?.requests).toMatchObject({ 'nvidia.com/gpu': '2', cpu: '8' });
    expect(container?.env).toEqual(
      expect.arrayContaining([
        { name: 'AGENTBUS_TASK_ID', value: task.taskId },
        { name: 'AGENTBUS_JOB_KIND', value: 'feasibility' },
        { name: 'AGENTBUS_GPU_MEMORY_GI', value: '24' },
      ]),
    );
    await eventually(async () => expect(await subjects(task.taskId)).toEqual(['started']));

    kube.running(name);
    kube.succeeded(name, LOG);
    await eventually(async () =>
      expect(await subjects(task.taskId)).toEqual(['started', 'succeeded']),
    );
    const { rows } = await world.pg.query<{ body: string }>(
      `SELECT body FROM "${world.schema}".gpu_artifacts WHERE project_id = $1`,
      [task.projectId],
    );
    expect(rows).toHaveLength(1);
    const body = JSON.parse(rows[0]?.body ?? '{}') as Record<string, unknown>;
    expect(body).toMatchObject({
      jobName: name,
      backend: 'kubernetes',
      kind: 'feasibility',
      result: RESULT,
      hardware: { backend: 'kubernetes', node: 'gpu-node-1' },
    });
    expect(body['logTail']).toEqual(LOG.split('\n'));
  });

  it('makes exactly one Job across a redelivered request and a re-sent task', async () => {
    const task = aGpuTask();
    const envelope = createEnvelope(GpuJobRequestedV1, task, {
      source: 'test',
      correlationId: task.projectId,
    });
    const handler = controller.app.get(GpuJobRequestedHandler);
    // The same delivery twice (the inbox) and the orchestrator re-sending the task (the row).
    await handler.handle(envelope);
    await handler.handle(envelope);
    await world.request(task);
    const name = jobNameOf(task.taskId, 1);
    await eventually(async () => expect(await subjects(task.taskId)).toEqual(['started']));
    await controller.supervisor.idle();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await controller.supervisor.idle();
    expect(kube.createsOf(name)).toBe(1);
    expect(await subjects(task.taskId)).toEqual(['started']);
  });

  it('adopts a Job an earlier process made (409) and finishes it after a restart, reporting once', async () => {
    const task = aGpuTask();
    const name = jobNameOf(task.taskId, 1);
    // The previous controller created the Job, then died before recording it.
    kube.seedJob(
      buildJob(
        {
          apiVersion: 'batch/v1',
          kind: 'Job',
          spec: { template: { spec: { containers: [{ name: 'task' }] } } },
        },
        { name, task, maxRunMs: 60_000 },
        {
          namespace: kube.namespace,
          image: 'x',
          command: ['x'],
          resourceName: 'nvidia.com/gpu',
          gpuTypes: {},
          backoffLimit: 0,
          ttlSeconds: 60,
        },
      ),
    );
    await world.request(task);
    await eventually(async () => expect(await subjects(task.taskId)).toEqual(['started']));
    expect(kube.createsOf(name)).toBe(1); // answered 409 AlreadyExists: adopted

    await controller.stop();
    kube.running(name);
    kube.succeeded(name, LOG);
    controller = await world.boot(env);
    await eventually(async () =>
      expect(await subjects(task.taskId)).toEqual(['started', 'succeeded']),
    );
    expect(kube.createsOf(name)).toBe(1); // the restarted controller created nothing
  });

  it('fails a Job pending past the timeout with the scheduler reason and deletes it', async () => {
    const task = aGpuTask();
    const name = jobNameOf(task.taskId, 1);
    await world.request(task);
    await eventually(() => expect(kube.job(name)).toBeDefined());
    kube.unschedulable(name, '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.');
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    controller.supervisor.wake(); // the resync is a minute here; the timeout is checked per pass
    const failed = await eventually(async () => {
      const results = await world.results(task.taskId);
      expect(results.map((r) => r.subject)).toContain('agentbus.gpu.v1.job.failed');
      return results.find((r) => r.subject.endsWith('failed'));
    });
    expect(failed?.data['error']).toMatchObject({ code: 'pending_timeout', retryable: false });
    expect(String((failed?.data['error'] as { message: string }).message)).toContain(
      'Insufficient nvidia.com/gpu',
    );
    await eventually(() => expect(kube.job(name)).toBeUndefined());
  });

  it('deletes the Job on cancel and reports nothing for it', async () => {
    const task = aGpuTask();
    const name = jobNameOf(task.taskId, 1);
    await world.request(task);
    await eventually(() => expect(kube.job(name)).toBeDefined());
    kube.running(name);
    await new Publisher(world.bus).publish(
      GpuJobCancelRequestedV1,
      { projectId: task.projectId },
      { source: 'test', correlationId: task.projectId },
    );
    await eventually(() => expect(kube.job(name)).toBeUndefined());
    expect(kube.count('DELETE', `/jobs/${name}`)).toBe(1);
    expect(await world.row(task.taskId)).toMatchObject({ state: 'cancelled' });
    expect(await subjects(task.taskId)).toEqual(['started']);
  });

  it('reports a failed Job as retryable, then the retry attempt as failed with its reason', async () => {
    const projectId = crypto.randomUUID();
    const first = aGpuTask({ projectId, attempt: 1 });
    await world.request(first);
    const firstName = jobNameOf(first.taskId, 1);
    await eventually(() => expect(kube.job(firstName)).toBeDefined());
    kube.failed(firstName, 'Traceback: CUDA error: an illegal memory access', 1);
    const firstFailure = await eventually(async () => {
      const found = (await world.results(first.taskId)).find((r) => r.subject.endsWith('failed'));
      expect(found).toBeDefined();
      return found;
    });
    expect(firstFailure?.data['error']).toMatchObject({ code: 'job_failed', retryable: true });
    expect((firstFailure?.data['error'] as { message: string }).message).toContain(
      'illegal memory access',
    );

    // The orchestrator retries: a new task id, attempt 2, so a new Job.
    const second = aGpuTask({ projectId, attempt: 2 });
    await world.request(second);
    const secondName = jobNameOf(second.taskId, 2);
    await eventually(() => expect(kube.job(secondName)).toBeDefined());
    kube.failed(secondName, 'killed', 137, 'OOMKilled');
    const secondFailure = await eventually(async () => {
      const found = (await world.results(second.taskId)).find((r) => r.subject.endsWith('failed'));
      expect(found).toBeDefined();
      return found;
    });
    expect(secondFailure?.data['error']).toMatchObject({ code: 'oom_killed', retryable: false });
  });

  it('keeps watching across a 410 Gone (lists again) and a dropped connection (reconnects)', async () => {
    const listsBefore = kube.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/jobs') && r.query.get('watch') !== 'true',
    ).length;
    kube.expireWatches();
    await eventually(() => expect(kube.openWatches).toBe(1));
    const lists = kube.requests.filter(
      (r) => r.method === 'GET' && r.path.endsWith('/jobs') && r.query.get('watch') !== 'true',
    ).length;
    expect(lists).toBeGreaterThan(listsBefore);

    kube.dropWatches();
    await eventually(() => expect(kube.openWatches).toBe(1), { timeoutMs: 10_000 });
    const task = aGpuTask();
    const name = jobNameOf(task.taskId, 1);
    await world.request(task);
    await eventually(async () => expect(await subjects(task.taskId)).toEqual(['started']));
    await controller.supervisor.idle();
    // Only the watch can tell the controller now (resync is a minute away).
    kube.running(name);
    kube.succeeded(name, LOG);
    await eventually(async () =>
      expect(await subjects(task.taskId)).toEqual(['started', 'succeeded']),
    );
  });

  it('exports jobs by state, queue depth and the pending and run time histograms', async () => {
    const metrics = await controller.app.get(Registry).metrics();
    expect(metrics).toMatch(/agent_bus_gpu_jobs\{state="succeeded"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/agent_bus_gpu_queue_depth\{[^}]*\} \d+/);
    expect(metrics).toContain('agent_bus_gpu_job_pending_seconds_bucket');
    expect(metrics).toContain('agent_bus_gpu_job_run_seconds_bucket');
  });
});
