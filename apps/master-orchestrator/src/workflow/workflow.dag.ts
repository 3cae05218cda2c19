import {
  GATES,
  type GateTimeout,
  PIPELINE,
  type PipelineGate,
  type PipelineStage,
  type StageId,
} from '@agentbus/contracts';
import { DEFAULT_DETECTOR_CONFIG, type DetectorConfig } from '@agentbus/ml-detection';

/** How often and how patiently a stage's task is tried (DESIGN §4 "Retries"). */
export interface RetryPolicy {
  /** Tries per run of the stage, the first included. */
  readonly maxAttempts: number;
  /** Delay before the first retry; doubles per failure, with jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** An attempt without a result after this long is failed by the orchestrator and retried. */
  readonly timeoutMs: number;
}

/** One node of the DAG: the contract's {@link PipelineStage} plus this orchestrator's retry policy. */
export interface StageSpec extends PipelineStage {
  readonly retry: RetryPolicy;
}

/** A human gate placed after a stage; which ones are on is a per-project option. */
export type GateSpec = PipelineGate;

/** The orchestrator's gate timeouts: for gates a project leaves out, and its reminder bound. */
export interface GateTimeoutDefaults {
  /** Timeout of every configurable gate a project does not set; null: wait for a human. */
  readonly fallback: GateTimeout | null;
  /** Reminders a `remind` timeout sends when it does not say. */
  readonly maxReminders: number;
}

/** The stage DAG of DESIGN §4, with every knob the decider reads. */
export interface Workflow {
  /** The DAG version (workflow-versions.ts) its stages and gates are; projects are pinned to one. */
  readonly version: number;
  /** In dispatch order: every stage comes after all of its dependencies. */
  readonly stages: readonly StageSpec[];
  readonly gates: readonly GateSpec[];
  /** Reserved per task before dispatch, released when its result arrives (DESIGN §17). */
  readonly estimate: { readonly tokens: number; readonly costUsd: number };
  readonly gateTimeouts: GateTimeoutDefaults;
  /** The ML detector's thresholds and resource profiles, applied to each project on submit. */
  readonly detector: DetectorConfig;
}

const LLM: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 5_000,
  maxDelayMs: 120_000,
  timeoutMs: 600_000,
};

/** Retry timing is orchestrator config, not topology: the stages that differ from {@link LLM}. */
const RETRY: Partial<Record<StageId, RetryPolicy>> = {
  architecture: { ...LLM, timeoutMs: 900_000 },
  development: { ...LLM, timeoutMs: 900_000 },
  ml_feasibility: { ...LLM, timeoutMs: 3_600_000 },
};

/** The pipeline of the contracts ({@link PIPELINE}, {@link GATES}) with this app's retry policies. */
export const DEFAULT_WORKFLOW: Workflow = {
  version: 1,
  stages: PIPELINE.map((stage) => ({ ...stage, retry: RETRY[stage.id] ?? LLM })),
  gates: GATES,
  estimate: { tokens: 0, costUsd: 0 },
  gateTimeouts: { fallback: null, maxReminders: 3 },
  detector: DEFAULT_DETECTOR_CONFIG,
};

/** Settings that replace the defaults for every stage (tests use short timeouts and delays). */
export interface WorkflowOverrides {
  readonly retry?: Partial<RetryPolicy>;
  readonly estimate?: Workflow['estimate'];
  readonly gateTimeouts?: GateTimeoutDefaults;
  readonly detector?: Partial<DetectorConfig>;
}

/** The default DAG with config overrides applied. */
export function buildWorkflow(overrides: WorkflowOverrides = {}): Workflow {
  return {
    ...DEFAULT_WORKFLOW,
    stages: DEFAULT_WORKFLOW.stages.map((stage) => ({
      ...stage,
      retry: { ...stage.retry, ...overrides.retry },
    })),
    estimate: overrides.estimate ?? DEFAULT_WORKFLOW.estimate,
    gateTimeouts: overrides.gateTimeouts ?? DEFAULT_WORKFLOW.gateTimeouts,
    detector: { ...DEFAULT_WORKFLOW.detector, ...overrides.detector },
  };
}
