import { type AgentId, type GateId, type StageId, type TaskTarget } from './stages';

/** One node of the stage DAG (DESIGN §4): who runs it, where, after what, and what it reads. */
export interface PipelineStage {
  readonly id: StageId;
  /** The CPU agent that runs it; `null` for stages no CPU agent runs (GPU work). */
  readonly agent: AgentId | null;
  readonly target: TaskTarget;
  /** Stages that must have succeeded (or be skipped) before this one is dispatched. */
  readonly after: readonly StageId[];
  /** Earlier artifacts the stage's task carries and its agent reads; each is upstream via `after`. */
  readonly inputs: readonly StageId[];
  /** Earlier artifacts it carries when the run produced them (the GPU `ml_feasibility` stage). */
  readonly optionalInputs: readonly StageId[];
  /** Not run in any project yet: created `skipped` and treated as satisfied. */
  readonly skipped: boolean;
}

/** A human gate placed after a stage; which ones are on is a per-project option. */
export interface PipelineGate {
  readonly id: Exclude<GateId, 'budget_exceeded'>;
  readonly after: StageId;
}

const freeze = <T extends object>(rows: readonly T[]): readonly T[] =>
  Object.freeze(rows.map((row) => Object.freeze({ ...row })));

const cpu = (
  id: StageId,
  agent: AgentId,
  after: StageId[],
  inputs: StageId[],
  optionalInputs: StageId[] = [],
): PipelineStage => ({ id, agent, target: 'cpu', after, inputs, optionalInputs, skipped: false });

const REVIEWS: StageId[] = ['qa', 'security', 'documentation', 'support'];

/**
 * The pipeline, in one table, in dispatch order (every stage after all of its dependencies):
 * prd → gate prd_approval → feature_tree → plan → architecture → uiux → development → {qa, security,
 * documentation, support} in parallel → pm_review → gate delivery_approval → delivery.
 * `ml_feasibility` is GPU work that routing will switch on; until then it is skipped in every
 * project. Retry timing is not topology: it is the orchestrator's config.
 */
export const PIPELINE: readonly PipelineStage[] = freeze([
  cpu('prd', 'prd', [], []),
  cpu('feature_tree', 'feature_tree', ['prd'], ['prd']),
  cpu('plan', 'plan', ['feature_tree'], ['prd', 'feature_tree']),
  cpu('architecture', 'architect', ['plan'], ['prd', 'feature_tree', 'plan']),
  cpu('uiux', 'uiux', ['architecture'], ['prd', 'architecture']),
  {
    id: 'ml_feasibility',
    agent: null,
    target: 'gpu',
    after: ['architecture'],
    inputs: [],
    optionalInputs: [],
    skipped: true,
  },
  cpu(
    'development',
    'developer',
    ['uiux', 'ml_feasibility'],
    ['prd', 'plan', 'architecture', 'uiux'],
    ['ml_feasibility'],
  ),
  cpu(
    'qa',
    'qa',
    ['development', 'ml_feasibility'],
    ['prd', 'architecture', 'uiux', 'development'],
    ['ml_feasibility'],
  ),
  cpu('security', 'security', ['development'], ['prd', 'architecture', 'development']),
  cpu(
    'documentation',
    'tech_writer',
    ['development'],
    ['prd', 'architecture', 'uiux', 'development'],
  ),
  cpu('support', 'support', ['development'], ['prd', 'architecture', 'uiux', 'development']),
  cpu('pm_review', 'product_manager', REVIEWS, ['prd', 'plan', ...REVIEWS]),
  cpu(
    'delivery',
    'delivery',
    ['pm_review'],
    ['prd', 'feature_tree', 'plan', 'architecture', 'uiux', 'development', ...REVIEWS, 'pm_review'],
    ['ml_feasibility'],
  ),
]);

/** The configurable human gates and the stage each one follows. */
export const GATES: readonly PipelineGate[] = freeze<PipelineGate>([
  { id: 'prd_approval', after: 'prd' },
  { id: 'delivery_approval', after: 'pm_review' },
]);

/** Stage ids in dispatch order: the order every reader shows stages in. */
export const PIPELINE_ORDER: readonly StageId[] = Object.freeze(PIPELINE.map((stage) => stage.id));

const BY_ID = new Map(PIPELINE.map((stage) => [stage.id, stage]));

/** The {@link PIPELINE} row of a stage (every {@link StageId} has one). */
export function pipelineStage(id: StageId): PipelineStage {
  const stage = BY_ID.get(id);
  if (stage === undefined) throw new Error(`stage ${id} is not in the pipeline`);
  return stage;
}

/** Every stage `id` depends on through `after`, directly or not, in {@link PIPELINE_ORDER}. */
export function upstreamStages(id: StageId): StageId[] {
  const seen = new Set<StageId>();
  const queue = [...pipelineStage(id).after];
  for (let stage = queue.shift(); stage !== undefined; stage = queue.shift()) {
    if (seen.has(stage)) continue;
    seen.add(stage);
    queue.push(...pipelineStage(stage).after);
  }
  return PIPELINE_ORDER.filter((stage) => seen.has(stage));
}

/** Position of a stage in {@link PIPELINE_ORDER}, for sorting; unknown names sort last. */
export function pipelinePosition(id: string): number {
  const index = (PIPELINE_ORDER as readonly string[]).indexOf(id);
  return index === -1 ? PIPELINE_ORDER.length : index;
}
