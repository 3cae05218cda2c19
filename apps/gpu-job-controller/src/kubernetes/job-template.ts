import { readFileSync } from 'node:fs';
import { type V1Container, type V1Job, type V1Toleration } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { type GpuPool } from '../config';
import { type JobSpec } from '../jobs/gpu-backend';

/** Label every controller-made Job carries: the informer's and the adoption's selector. */
export const MANAGED_LABEL = 'agent-bus.io/gpu-job';
/** Annotation tying a Job to its project, stage and attempt (JSON). */
export const TASK_ANNOTATION = 'agent-bus.io/task';

/** What the operator configures around the template (config.ts). */
export interface TemplateSettings {
  readonly namespace: string;
  readonly image: string;
  /** Replaces the image's entrypoint when set. */
  readonly command: readonly string[] | null;
  readonly resourceName: string;
  readonly gpuTypes: Readonly<Record<string, GpuPool>>;
  readonly backoffLimit: number;
  readonly ttlSeconds: number;
}

/** Used when no template file is mounted (kubeconfig runs): one GPU pool, no restarts. */
const BUILT_IN: V1Job = {
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: {
    labels: { 'app.kubernetes.io/name': 'gpu-task', 'app.kubernetes.io/part-of': 'agent-bus' },
  },
  spec: {
    template: {
      spec: {
        restartPolicy: 'Never',
        automountServiceAccountToken: false,
        containers: [{ name: 'task', image: 'agent-bus/gpu-task:dev' }],
      },
    },
  },
};

/** The operator's Job template (the chart mounts it), or the built-in one when the file is absent. */
export function loadJobTemplate(path: string): V1Job {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return BUILT_IN;
  }
  const job = parse(text) as V1Job | null;
  if (job?.kind !== 'Job' || !job.spec?.template.spec?.containers.length) {
    throw new Error(`${path} is not a batch/v1 Job with a container`);
  }
  return job;
}

/** Why a task cannot be turned into a Job (a final failure: no retry can fix the config). */
export class UnknownGpuTypeError extends Error {
  constructor(gpuType: string, known: readonly string[]) {
    super(
      `no node pool is configured for GPU type "${gpuType}" (GPU_TYPES has: ${known.join(', ') || 'none'})`,
    );
    this.name = 'UnknownGpuTypeError';
  }
}

/** The Job of one task attempt: the template plus name, labels, annotation, command, env, GPUs. */
export function buildJob(template: V1Job, spec: JobSpec, settings: TemplateSettings): V1Job {
  const { task } = spec;
  const pool = poolOf(task.resources.gpuType, settings.gpuTypes);
  const job = structuredClone(template);
  const labels = {
    ...job.metadata?.labels,
    [MANAGED_LABEL]: 'true',
    'agent-bus.io/project-id': task.projectId,
    'agent-bus.io/task-id': task.taskId,
    'agent-bus.io/stage': task.stage,
    'agent-bus.io/attempt': String(task.attempt),
  };
  const podSpec = job.spec?.template.spec;
  const container = podSpec?.containers[0];
  if (!job.spec || !podSpec || !container) throw new Error('the Job template has no container');
  job.metadata = {
    ...job.metadata,
    name: spec.name,
    namespace: settings.namespace,
    labels,
    annotations: {
      ...job.metadata?.annotations,
      [TASK_ANNOTATION]: JSON.stringify({
        projectId: task.projectId,
        stage: task.stage,
        attempt: task.attempt,
        taskId: task.taskId,
      }),
    },
  };
  job.spec.backoffLimit = settings.backoffLimit;
  job.spec.activeDeadlineSeconds = Math.max(1, Math.ceil(spec.maxRunMs / 1_000));
  job.spec.ttlSecondsAfterFinished = settings.ttlSeconds;
  job.spec.template.metadata = {
    ...job.spec.template.metadata,
    labels: { ...job.spec.template.metadata?.labels, ...labels },
  };
  podSpec.restartPolicy = 'Never';
  podSpec.nodeSelector = { ...podSpec.nodeSelector, ...pool?.nodeSelector };
  podSpec.tolerations = [
    ...(podSpec.tolerations ?? []),
    ...(pool?.tolerations ?? []),
  ] as V1Toleration[];
  podSpec.containers[0] = withTask(container, spec, settings);
  return job;
}

function withTask(container: V1Container, spec: JobSpec, settings: TemplateSettings): V1Container {
  const { task } = spec;
  const gpus = String(task.resources.gpus);
  const requests = { ...container.resources?.requests, [settings.resourceName]: gpus };
  if (task.resources.cpu !== undefined) requests['cpu'] = String(task.resources.cpu);
  const image = settings.image || container.image;
  return {
    ...container,
    ...(image === undefined ? {} : { image }),
    ...(settings.command === null ? {} : { command: [...settings.command] }),
    env: [...(container.env ?? []), ...taskEnv(task)],
    resources: {
      ...container.resources,
      requests,
      limits: { ...container.resources?.limits, [settings.resourceName]: gpus },
    },
  };
}

/** The task as environment variables: what the benchmark command reads. */
export function taskEnv(task: JobSpec['task']): { name: string; value: string }[] {
  return [
    { name: 'AGENTBUS_TASK_ID', value: task.taskId },
    { name: 'AGENTBUS_PROJECT_ID', value: task.projectId },
    { name: 'AGENTBUS_STAGE', value: task.stage },
    { name: 'AGENTBUS_ATTEMPT', value: String(task.attempt) },
    { name: 'AGENTBUS_JOB_KIND', value: task.kind },
    { name: 'AGENTBUS_GPUS', value: String(task.resources.gpus) },
    { name: 'AGENTBUS_GPU_MEMORY_GI', value: String(task.resources.memoryGi) },
    { name: 'AGENTBUS_GPU_TYPE', value: task.resources.gpuType ?? '' },
  ];
}

function poolOf(
  gpuType: string | undefined,
  pools: Readonly<Record<string, GpuPool>>,
): GpuPool | undefined {
  // No pools configured: every task runs on the template's pool, whatever type it names.
  if (gpuType === undefined || Object.keys(pools).length === 0) return undefined;
  const pool = pools[gpuType];
  if (!pool) throw new UnknownGpuTypeError(gpuType, Object.keys(pools));
  return pool;
}
