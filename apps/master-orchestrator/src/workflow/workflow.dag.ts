import { type AgentId, type GateId, type StageId, type TaskTarget } from '@agentbus/contracts';

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

/** One node of the DAG. */
export interface StageSpec {
  readonly id: StageId;
  /** The agent that runs it; `null` for stages no CPU agent runs. */
  readonly agent: AgentId | null;
  readonly target: TaskTarget;
  /** Stages that must have succeeded (or be skipped) before this one is dispatched. */
  readonly after: readonly StageId[];
  readonly retry: RetryPolicy;
  /** Not run in any project yet: created `skipped` and treated as satisfied. */
  readonly skipped: boolean;
}

/** A human gate placed after a stage; which ones are on is a per-project option. */
export interface GateSpec {
  readonly id: Exclude<GateId, 'budget_exceeded'>;
  readonly after: StageId;
}

/** The stage DAG of DESIGN §4, with every knob the decider reads. */
export interface Workflow {
  /** In dispatch order: every stage comes after all of its dependencies. */
  readonly stages: readonly StageSpec[];
  readonly gates: readonly GateSpec[];
  /** Reserved per task before dispatch, released when its result arrives (DESIGN §17). */
  readonly estimate: { readonly tokens: number; readonly costUsd: number };
}

const LLM: RetryPolicy = {
  maxAttempts: 3,
  baseDelayMs: 5_000,
  maxDelayMs: 120_000,
  timeoutMs: 600_000,
};
const LONG_LLM: RetryPolicy = { ...LLM, timeoutMs: 900_000 };

const cpu = (id: StageId, agent: AgentId, after: StageId[], retry = LLM): StageSpec => ({
  id,
  agent,
  target: 'cpu',
  after,
  retry,
  skipped: false,
});

/**
 * The pipeline, in one place: prd → gate prd_approval → feature_tree → plan → architecture → uiux →
 * development → {qa, security, documentation, support} in parallel → pm_review → gate
 * delivery_approval (off by default) → delivery. `ml_feasibility` is GPU work that the routing issue
 * will switch on; until then it is skipped in every project.
 */
export const DEFAULT_WORKFLOW: Workflow = {
  stages: [
    cpu('prd', 'prd', []),
    cpu('feature_tree', 'feature_tree', ['prd']),
    cpu('plan', 'plan', ['feature_tree']),
    cpu('architecture', 'architect', ['plan'], LONG_LLM),
    cpu('uiux', 'uiux', ['architecture']),
    {
      id: 'ml_feasibility',
      agent: null,
      target: 'gpu',
      after: ['architecture'],
      retry: { ...LLM, timeoutMs: 3_600_000 },
      skipped: true,
    },
    cpu('development', 'developer', ['uiux', 'ml_feasibility'], LONG_LLM),
    cpu('qa', 'qa', ['development', 'ml_feasibility']),
    cpu('security', 'security', ['development']),
    cpu('documentation', 'tech_writer', ['development']),
    cpu('support', 'support', ['development']),
    cpu('pm_review', 'product_manager', ['qa', 'security', 'documentation', 'support']),
    cpu('delivery', 'delivery', ['pm_review']),
  ],
  gates: [
    { id: 'prd_approval', after: 'prd' },
    { id: 'delivery_approval', after: 'pm_review' },
  ],
  estimate: { tokens: 0, costUsd: 0 },
};

/** Settings that replace the defaults for every stage (tests use short timeouts and delays). */
export interface WorkflowOverrides {
  readonly retry?: Partial<RetryPolicy>;
  readonly estimate?: Workflow['estimate'];
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
  };
}
