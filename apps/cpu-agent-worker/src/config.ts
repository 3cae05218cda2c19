import { defineConfig } from '@agentbus/config';
import { llmEnv } from '@agentbus/llm';
import { keepDays, retentionEnv, serviceEnv } from '@agentbus/service-runtime';
import { z } from 'zod';

/** cpu-agent-worker's environment, parsed once before Nest starts. */
export const CpuWorkerConfig = defineConfig({
  ...serviceEnv(3002),
  ...llmEnv,
  ORCHESTRATOR_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('orchestrator')
    .describe('schema the requirements are read from (read-only)'),
  GPU_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/)
    .default('gpu_controller')
    .describe("the gpu-job-controller's schema: GPU results (ml_feasibility) are read from it"),
  ...retentionEnv,
  WORKER_ARTIFACTS_RETENTION_DAYS: keepDays('artifacts', 365),
  WORKER_LLM_CALLS_RETENTION_DAYS: keepDays('LLM calls (with their responses)', 30),
  AGENT_MAX_REPAIRS: z.coerce.number().int().min(0).max(3).default(1),
  LLM_OFFLINE_LATENCY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(0)
    .describe('simulated model latency for the offline provider (demos, e2e, load runs)'),
  LLM_OFFLINE_ARTIFACT_BYTES: z.coerce
    .number()
    .int()
    .min(64)
    .max(16_777_216)
    .optional()
    .describe('offline answers sized to about this many bytes (benchmarks); unset: natural size'),
});
export type CpuWorkerConfig = ReturnType<typeof CpuWorkerConfig.load>;
