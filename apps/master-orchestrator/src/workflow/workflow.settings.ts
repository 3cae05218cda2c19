import { type OrchestratorConfig } from '../config';
import { buildWorkflow, type RetryPolicy, type Workflow } from './workflow.dag';

/** Injection token of the {@link Workflow} this process runs (the DAG plus config overrides). */
export const WORKFLOW = Symbol('WORKFLOW');

/** Injection token of the WorkflowCatalog: every DAG version this process drives. */
export const WORKFLOWS = Symbol('WORKFLOWS');

/** Injection token of the scheduler's {@link TimerSettings}. */
export const TIMER_SETTINGS = Symbol('TIMER_SETTINGS');

export interface TimerSettings {
  readonly tickMs: number;
  /** Idle ticks back off from `tickMs` up to this (a due timer is at most this late). */
  readonly idleTickMs: number;
  readonly batch: number;
}

/** Injection token of the scrape-time gauges' {@link GaugeSettings}. */
export const GAUGE_SETTINGS = Symbol('GAUGE_SETTINGS');

export interface GaugeSettings {
  readonly queueDepthCacheMs: number;
}

/** The DAG with the retry, budget and gate timeout knobs the environment sets. */
export function workflowFrom(config: OrchestratorConfig): Workflow {
  const retry: Partial<RetryPolicy> = {
    ...(config.ORCH_TASK_TIMEOUT_MS === undefined
      ? {}
      : { timeoutMs: config.ORCH_TASK_TIMEOUT_MS }),
    ...(config.ORCH_RETRY_BASE_MS === undefined ? {} : { baseDelayMs: config.ORCH_RETRY_BASE_MS }),
    ...(config.ORCH_RETRY_MAX_MS === undefined ? {} : { maxDelayMs: config.ORCH_RETRY_MAX_MS }),
    ...(config.ORCH_MAX_ATTEMPTS === undefined ? {} : { maxAttempts: config.ORCH_MAX_ATTEMPTS }),
  };
  const fallback =
    config.ORCH_GATE_TIMEOUT_S === undefined
      ? null
      : { afterSeconds: config.ORCH_GATE_TIMEOUT_S, action: config.ORCH_GATE_TIMEOUT_ACTION };
  return buildWorkflow({
    retry,
    gateTimeouts: { fallback, maxReminders: config.ORCH_GATE_MAX_REMINDERS },
    detector: { threshold: config.ORCH_ML_THRESHOLD },
    estimate: {
      tokens: config.ORCH_ESTIMATED_TOKENS_PER_TASK,
      costUsd: config.ORCH_ESTIMATED_COST_PER_TASK_USD,
    },
  });
}
