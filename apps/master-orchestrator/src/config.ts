import { defineConfig } from '@agentbus/config';
import { serviceEnv } from '@agentbus/service-runtime';
import { z } from 'zod';

const optionalMs = (what: string) =>
  z.coerce.number().int().positive().optional().describe(`${what}; unset keeps each stage's own`);

/** master-orchestrator's environment, parsed once before Nest starts. */
export const OrchestratorConfig = defineConfig({
  ...serviceEnv(3001),
  ORCH_TICK_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(250)
    .describe('how often the scheduler looks for due retries and attempts past their deadline'),
  ORCH_IDLE_TICK_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(1_000)
    .describe(
      'longest scheduler interval while nothing is due: idle ticks double from ORCH_TICK_MS up to it',
    ),
  ORCH_TIMER_BATCH: z.coerce
    .number()
    .int()
    .positive()
    .default(100)
    .describe('projects one scheduler tick handles at most'),
  ORCH_TASK_TIMEOUT_MS: optionalMs('deadline of every task attempt'),
  ORCH_RETRY_BASE_MS: optionalMs('first retry delay of every stage'),
  ORCH_RETRY_MAX_MS: optionalMs('longest retry delay of every stage'),
  ORCH_MAX_ATTEMPTS: z.coerce.number().int().positive().optional().describe('tries per stage run'),
  ORCH_ESTIMATED_TOKENS_PER_TASK: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(8_000)
    .describe('tokens a budget reserves for each task before it is dispatched'),
  ORCH_ESTIMATED_COST_PER_TASK_USD: z.coerce
    .number()
    .nonnegative()
    .default(0.05)
    .describe('dollars a budget reserves for each task before it is dispatched'),
  ORCH_QUEUE_DEPTH_CACHE_MS: z.coerce
    .number()
    .int()
    .nonnegative()
    .default(5_000)
    .describe(
      'how long scrapes reuse one JetStream read for the queue depth, consumer and DLQ gauges',
    ),
});
export type OrchestratorConfig = ReturnType<typeof OrchestratorConfig.load>;
