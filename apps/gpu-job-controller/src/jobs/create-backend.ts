import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Logger } from 'pino';
import { type GpuControllerConfig } from '../config';
import { loadKubeConfig } from '../kubernetes/kube-config.util';
import { loadJobTemplate } from '../kubernetes/job-template';
import { KubernetesBackend } from '../kubernetes/kubernetes.backend';
import { LocalBackend } from '../local/local.backend';
import { type GpuBackend } from './gpu-backend';

/** The backend `GPU_BACKEND` names, built from the config. */
export function createBackend(config: GpuControllerConfig, logger: Logger): GpuBackend {
  if (config.GPU_BACKEND === 'local') {
    return new LocalBackend({ command: config.GPU_JOB_COMMAND ?? bundledBenchmark(), logger });
  }
  const { kubeConfig, namespace } = loadKubeConfig(config.KUBECONFIG, config.GPU_NAMESPACE);
  return new KubernetesBackend({
    kubeConfig,
    template: loadJobTemplate(config.GPU_JOB_TEMPLATE_PATH),
    settings: {
      namespace,
      image: config.GPU_JOB_IMAGE,
      command: config.GPU_JOB_COMMAND,
      resourceName: config.GPU_RESOURCE_NAME,
      gpuTypes: config.GPU_TYPES,
      backoffLimit: config.GPU_JOB_BACKOFF_LIMIT,
      ttlSeconds: config.GPU_JOB_TTL_SECONDS,
    },
    logLines: Math.max(200, config.GPU_LOG_TAIL_LINES),
    logger,
  });
}

/**
 * The CPU-only benchmark shipped with the controller: beside the bundle in dist (webpack copies
 * it), else in the source tree (tests, `nx serve` from the repository root).
 */
export function bundledBenchmark(): string[] {
  const file = 'feasibility-benchmark.js';
  const candidates = [
    join(__dirname, file),
    join(process.cwd(), 'apps/gpu-job-controller/src/benchmark', file),
  ];
  return [process.execPath, candidates.find((path) => existsSync(path)) ?? candidates[1] ?? file];
}
