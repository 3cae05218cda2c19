import { MEMORY_BUDGET_TOKENS, SKILLS_BUDGET_TOKENS } from '@agentbus/agents';
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
  WORKER_MEMORY_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(50)
    .max(60_000)
    .default(2_000)
    .describe('how long a task waits for the memory-service; then it runs without memory'),
  WORKER_MEMORY_TOP_K: z.coerce
    .number()
    .int()
    .min(1)
    .max(50)
    .default(3)
    .describe('most similar patterns asked of memory per task (the template comes on top)'),
  WORKER_MEMORY_BUDGET_TOKENS: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(MEMORY_BUDGET_TOKENS)
    .describe(
      "tokens of prompt a task's memory patterns may take (a project's template always fits)",
    ),
  AGENT_MAX_REPAIRS: z.coerce.number().int().min(0).max(3).default(1),
  WORKER_SKILLS_BUDGET_TOKENS: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .default(SKILLS_BUDGET_TOKENS)
    .describe(
      "tokens of skill prompts an agent's prompt may carry; skills beyond are skipped and named on the artifact",
    ),
  WORKER_SKILLS_RESOLVE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(2_000)
    .describe(
      'a skills-registry slower than this is treated as down: the task runs without skills',
    ),
  WORKER_SKILLS_CACHE_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(60_000)
    .describe(
      "how long an agent's resolved skills are reused when no skill/allowlist event cleared them",
    ),
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
