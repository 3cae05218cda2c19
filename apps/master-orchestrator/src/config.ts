import { defineConfig } from '@agentbus/config';
import {
  GATE_TIMEOUT_ACTIONS,
  MAX_GATE_REMINDERS,
  MAX_GATE_TIMEOUT_SECONDS,
} from '@agentbus/contracts';
import { keepDays, retentionEnv, serviceEnv } from '@agentbus/service-runtime';
import { z } from 'zod';

const optionalMs = (what: string) =>
  z.coerce.number().int().positive().optional().describe(`${what}; unset keeps each stage's own`);

/** master-orchestrator's environment, parsed once before Nest starts. */
export const OrchestratorConfig = defineConfig({
  ...serviceEnv(3001),
  ...retentionEnv,
  ORCH_EVENTS_RETENTION_DAYS: keepDays('events (the audit log and SSE history)', 90),
  ORCH_TASKS_RETENTION_DAYS: keepDays('task attempts', 90),
  ORCH_APPROVALS_RETENTION_DAYS: keepDays('gate openings and decisions', 365),
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
  ORCH_GATE_TIMEOUT_S: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_GATE_TIMEOUT_SECONDS)
    .optional()
    .describe(
      'seconds a configurable gate waits for a decision before its default action, for projects that do not set their own; unset: gates wait for a human',
    ),
  ORCH_GATE_TIMEOUT_ACTION: z
    .enum(GATE_TIMEOUT_ACTIONS)
    .default('remind')
    .describe(
      'default action of ORCH_GATE_TIMEOUT_S: approve, reject, or remind (an approval.reminded event) and keep waiting',
    ),
  ORCH_GATE_MAX_REMINDERS: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_GATE_REMINDERS)
    .default(3)
    .describe(
      'reminders a remind timeout sends (one per timeout interval) before the gate just waits',
    ),
  ORCH_ML_THRESHOLD: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(0.5)
    .describe(
      'ML detector score (0-1) at or above which a project is ML work and runs ml_feasibility on a GPU',
    ),
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
