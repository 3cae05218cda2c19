import {
  ApiException,
  BatchV1Api,
  CoreV1Api,
  type Informer,
  type KubeConfig,
  makeInformer,
  type ObjectCache,
  type V1Job,
  type V1Pod,
} from '@kubernetes/client-node';
import { type Logger } from 'pino';
import { type GpuBackend, type JobObservation, type JobSpec } from '../jobs/gpu-backend';
import { jobStateOf } from './job-state';
import { buildJob, MANAGED_LABEL, type TemplateSettings } from './job-template';

/** How the backend reaches the cluster and builds Jobs. */
export interface KubernetesBackendOptions {
  readonly kubeConfig: KubeConfig;
  readonly template: V1Job;
  readonly settings: TemplateSettings;
  /** Log lines read from a finished pod; the result is the last JSON line among them. */
  readonly logLines: number;
  /** Wait before a failed watch is started again (a dropped connection, the API server down). */
  readonly reconnectMs?: number;
  readonly logger: Logger;
}

const SELECTOR = `${MANAGED_LABEL}=true`;

/**
 * GPU tasks as Kubernetes Jobs (DESIGN §11). An informer (list, then watch from its
 * resourceVersion; a 410 Gone lists again) keeps the Jobs in memory and says when one changed;
 * a watch that fails is started again after `reconnectMs`. A Job the cache has not seen is read
 * from the API, so a just-created or adopted Job is never taken for a missing one.
 */
export class KubernetesBackend implements GpuBackend {
  readonly name = 'kubernetes';
  private readonly batch: BatchV1Api;
  private readonly core: CoreV1Api;
  private readonly namespace: string;
  private informer: (Informer<V1Job> & ObjectCache<V1Job>) | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: KubernetesBackendOptions) {
    this.batch = options.kubeConfig.makeApiClient(BatchV1Api);
    this.core = options.kubeConfig.makeApiClient(CoreV1Api);
    this.namespace = options.settings.namespace;
  }

  async start(onChange: (name: string) => void): Promise<void> {
    const informer = makeInformer<V1Job>(
      this.options.kubeConfig,
      `/apis/batch/v1/namespaces/${this.namespace}/jobs`,
      () => this.batch.listNamespacedJob({ namespace: this.namespace, labelSelector: SELECTOR }),
      SELECTOR,
    );
    const base = this.options.reconnectMs ?? 1_000;
    let delay = base;
    const changed = (job: V1Job) => {
      delay = base; // the watch delivers again
      if (job.metadata?.name) onChange(job.metadata.name);
    };
    informer.on('add', changed);
    informer.on('update', changed);
    informer.on('delete', changed);
    informer.on('error', (error: unknown) => {
      if (this.stopped) return;
      this.options.logger.warn({ err: error, retryInMs: delay }, 'job watch failed; reconnecting');
      clearTimeout(this.reconnect);
      this.reconnect = setTimeout(() => {
        // A restart lists again: whatever changed while the watch was down is seen.
        if (!this.stopped) void informer.start().catch(() => undefined);
      }, delay);
      delay = Math.min(delay * 2, 30_000);
    });
    this.informer = informer;
    await informer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    await this.informer?.stop();
  }

  async launch(spec: JobSpec): Promise<{ adopted: boolean }> {
    const body = buildJob(this.options.template, spec, this.options.settings);
    try {
      await this.batch.createNamespacedJob({ namespace: this.namespace, body });
      return { adopted: false };
    } catch (error) {
      // 409 AlreadyExists: a redelivery or a controller that died after creating it; same task.
      if (error instanceof ApiException && error.code === 409) return { adopted: true };
      throw error;
    }
  }

  async observe(name: string): Promise<JobObservation> {
    const job = this.informer?.get(name, this.namespace) ?? (await this.readJob(name));
    if (!job) return { phase: 'missing' };
    const pods = (
      await this.core.listNamespacedPod({
        namespace: this.namespace,
        labelSelector: `job-name=${name}`,
      })
    ).items;
    const state = jobStateOf(job, pods);
    if (state.phase === 'succeeded') {
      const pod = newest(pods);
      return { ...state, log: await this.logOf(pod), hardware: hardwareOf(pod, job) };
    }
    if (state.phase === 'failed') return { ...state, log: await this.logOf(newest(pods)) };
    return state;
  }

  async remove(name: string): Promise<void> {
    try {
      await this.batch.deleteNamespacedJob({
        name,
        namespace: this.namespace,
        propagationPolicy: 'Background',
      });
    } catch (error) {
      if (!(error instanceof ApiException && error.code === 404)) throw error;
    }
  }

  private async readJob(name: string): Promise<V1Job | undefined> {
    try {
      return await this.batch.readNamespacedJob({ name, namespace: this.namespace });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw error;
    }
  }

  private async logOf(pod: V1Pod | undefined): Promise<string> {
    const name = pod?.metadata?.name;
    if (!name) return '';
    const container = pod.spec?.containers[0]?.name;
    try {
      return await this.core.readNamespacedPodLog({
        name,
        namespace: this.namespace,
        ...(container === undefined ? {} : { container }),
        tailLines: this.options.logLines,
      });
    } catch (error) {
      // A pod the TTL already removed: the outcome stands, without its log.
      if (error instanceof ApiException && error.code === 404) return '';
      throw error;
    }
  }
}

const newest = (pods: readonly V1Pod[]): V1Pod | undefined =>
  [...pods].sort(
    (a, b) =>
      new Date(b.metadata?.creationTimestamp ?? 0).getTime() -
      new Date(a.metadata?.creationTimestamp ?? 0).getTime(),
  )[0];

function hardwareOf(pod: V1Pod | undefined, job: V1Job): Record<string, unknown> {
  const limits = job.spec?.template.spec?.containers[0]?.resources?.limits ?? {};
  return { backend: 'kubernetes', node: pod?.spec?.nodeName ?? null, limits };
}
