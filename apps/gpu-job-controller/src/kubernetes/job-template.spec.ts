import { GpuJobRequestedV1 } from '@agentbus/contracts';
import { type V1Job } from '@kubernetes/client-node';
import { buildJob, type TemplateSettings, UnknownGpuTypeError } from './job-template';

const template: V1Job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { labels: { team: 'ml' } },
  spec: {
    template: {
      spec: {
        nodeSelector: { 'nvidia.com/gpu.present': 'true' },
        containers: [
          { name: 'task', image: 'template:1', resources: { limits: { memory: '16Gi' } } },
        ],
      },
    },
  },
};
const settings: TemplateSettings = {
  namespace: 'ml',
  image: '',
  command: ['bench'],
  resourceName: 'nvidia.com/gpu',
  gpuTypes: { a100: { nodeSelector: { pool: 'a100' }, tolerations: [] } },
  backoffLimit: 1,
  ttlSeconds: 60,
};
const task = GpuJobRequestedV1.data.parse({
  taskId: '0b6f0c1e-5d2a-4c1b-9a77-3e1f2d4c5b6a',
  projectId: '1b6f0c1e-5d2a-4c1b-9a77-3e1f2d4c5b6a',
  stage: 'ml_feasibility',
  attempt: 1,
  kind: 'benchmark',
  resources: { gpus: 1, gpuType: 'a100', memoryGi: 40 },
  inputs: [],
  deadlineAt: '2030-01-01T00:00:00Z',
});

describe(buildJob.name, () => {
  it('keeps the template and adds the task, the pool and the GPU limit', () => {
    const job = buildJob(template, { name: 'j1', task, maxRunMs: 90_500 }, settings);
    const pod = job.spec?.template.spec;
    expect(job.metadata?.labels).toMatchObject({ team: 'ml', 'agent-bus.io/gpu-job': 'true' });
    expect(job.spec).toMatchObject({
      backoffLimit: 1,
      activeDeadlineSeconds: 91,
      ttlSecondsAfterFinished: 60,
    });
    expect(pod?.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true', pool: 'a100' });
    expect(pod?.containers[0]).toMatchObject({
      image: 'template:1',
      command: ['bench'],
      resources: { limits: { memory: '16Gi', 'nvidia.com/gpu': '1' } },
    });
    expect(template.spec?.template.spec?.containers[0]?.command).toBeUndefined(); // not mutated
  });

  it('refuses a GPU type no pool is configured for', () => {
    const other = { ...task, resources: { ...task.resources, gpuType: 'h100' } };
    expect(() => buildJob(template, { name: 'j', task: other, maxRunMs: 1_000 }, settings)).toThrow(
      UnknownGpuTypeError,
    );
  });

  it('uses the template pool for any type when no pools are configured', () => {
    const job = buildJob(
      template,
      { name: 'j', task, maxRunMs: 1_000 },
      { ...settings, gpuTypes: {} },
    );
    expect(job.spec?.template.spec?.nodeSelector).toEqual({ 'nvidia.com/gpu.present': 'true' });
  });
});
