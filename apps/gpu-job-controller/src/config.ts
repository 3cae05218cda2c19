import { defineConfig } from '@agentbus/config';
import { serviceEnv } from '@agentbus/service-runtime';
import { z } from 'zod';

const milliseconds = (fallback: number, max = 86_400_000) =>
  z.coerce.number().int().min(100).max(max).default(fallback);

/** A JSON value from one environment variable, checked against `schema`. */
const jsonFromEnv = <T extends z.ZodTypeAny>(schema: T, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((text, ctx): unknown => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

/** Node selector and tolerations of one GPU type's node pool. */
const GpuPool = z.strictObject({
  nodeSelector: z.record(z.string(), z.string()).default({}),
  tolerations: z
    .array(
      z.strictObject({
        key: z.string().optional(),
        operator: z.enum(['Exists', 'Equal']).optional(),
        value: z.string().optional(),
        effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
      }),
    )
    .default([]),
});
export type GpuPool = z.infer<typeof GpuPool>;

/** gpu-job-controller's environment, parsed once before Nest starts. */
export const GpuControllerConfig = defineConfig({
  ...serviceEnv(3003),
  GPU_BACKEND: z
    .enum(['kubernetes', 'local'])
    .default('local')
    .describe('kubernetes: a Job per task; local: a child process on this machine'),
  GPU_JOB_COMMAND: jsonFromEnv(z.array(z.string().min(1)).min(1).nullable(), 'null').describe(
    'JSON array: the job command (its last JSON line on stdout is the result); unset: kubernetes ' +
      "keeps the image's entrypoint, local runs the bundled CPU benchmark",
  ),
  GPU_JOB_IMAGE: z
    .string()
    .default('')
    .describe('kubernetes: image of the job container; empty: the template image'),
  GPU_JOB_TEMPLATE_PATH: z
    .string()
    .default('/etc/agent-bus/gpu-job/job.yaml')
    .describe('kubernetes: the Job template (batch/v1 YAML); missing: the built-in one'),
  GPU_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .optional()
    .describe("kubernetes: namespace of the Jobs; default the service account's, else default"),
  KUBECONFIG: z
    .string()
    .optional()
    .describe('kubernetes: kubeconfig file; unset: in-cluster service account'),
  GPU_TYPES: jsonFromEnv(z.record(z.string(), GpuPool), '{}').describe(
    'JSON: GPU type -> {nodeSelector, tolerations} of its node pool',
  ),
  GPU_RESOURCE_NAME: z.string().min(1).default('nvidia.com/gpu'),
  GPU_JOB_BACKOFF_LIMIT: z.coerce.number().int().min(0).max(10).default(0),
  GPU_JOB_TTL_SECONDS: z.coerce.number().int().min(0).max(604_800).default(3_600),
  GPU_JOB_MAX_RUN_MS: milliseconds(3_600_000).describe(
    'longest run of one job (activeDeadlineSeconds; also capped by the task deadline)',
  ),
  GPU_JOB_PENDING_TIMEOUT_MS: milliseconds(600_000).describe(
    'a job not running after this long (no GPU node, image pull) fails with the reason',
  ),
  GPU_RESYNC_MS: milliseconds(30_000, 3_600_000).describe(
    'every job is re-read this often besides the watch',
  ),
  GPU_LOCAL_MAX_PARALLEL: z.coerce.number().int().min(1).max(64).default(1),
  GPU_LOG_TAIL_LINES: z.coerce.number().int().min(1).max(1_000).default(40),
});
export type GpuControllerConfig = ReturnType<typeof GpuControllerConfig.load>;
