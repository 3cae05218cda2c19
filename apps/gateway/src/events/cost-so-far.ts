import { usageView, type UsageSums } from '../projects/usage-view.mapper';
import { type UsageView } from '../projects/project-detail.views';
import { type ProjectEventRow, shortEventName } from './project-event';

/** One LLM call of a project, as `llm_usage_v2` has it. */
export interface CallUsage {
  readonly stage: string;
  readonly attempt: number;
  readonly input_tokens: number;
  readonly cache_read_tokens: number;
  readonly cache_write_tokens: number;
  readonly output_tokens: number;
  readonly cost_usd: number;
  readonly created_at: Date;
}

/** The `data` of an SSE `cost` event: what the stage cost, and the project so far. */
export interface CostSoFar {
  /** The `seq` of the event it follows (stage.completed or the project's end). */
  readonly afterSeq: number;
  readonly projectId: string;
  /** The stage that completed; null after the project's end. */
  readonly stage: string | null;
  readonly attempt: number | null;
  /** Every attempt of the stage up to this one (failed attempts were paid for too). */
  readonly stageUsage: UsageView | null;
  /** Every call of the project made by the time of the event. */
  readonly total: UsageView;
}

const ENDS = new Set(['project.completed', 'project.failed', 'project.cancelled']);

/** Whether a `cost` event follows this event: after each stage that completed, and at the end. */
export const carriesCost = (row: ProjectEventRow): boolean => {
  const name = shortEventName(row.type);
  return name === 'stage.completed' || ENDS.has(name);
};

const sums = (calls: readonly CallUsage[]): UsageSums[] =>
  calls.map((call) => ({ ...call, calls: 1 }));

const stageKey = (data: unknown): { stage: string; attempt: number } | undefined => {
  if (typeof data !== 'object' || data === null) return undefined;
  const { stage, attempt } = data as { stage?: unknown; attempt?: unknown };
  return typeof stage === 'string' && typeof attempt === 'number' ? { stage, attempt } : undefined;
};

/**
 * The cost as of `row` (pure): the calls recorded by its time count toward the total, so a
 * replayed history shows the running total each stage had, not today's. The worker records a
 * call before it reports the task, so the completing stage's own calls always count.
 */
export function costSoFar(row: ProjectEventRow, calls: readonly CallUsage[]): CostSoFar {
  const key = shortEventName(row.type) === 'stage.completed' ? stageKey(row.data) : undefined;
  const ofStage = (call: CallUsage) =>
    key !== undefined && call.stage === key.stage && call.attempt <= key.attempt;
  const byThen = calls.filter((call) => call.created_at <= row.created_at || ofStage(call));
  return {
    afterSeq: Number(row.seq),
    projectId: row.project_id,
    stage: key?.stage ?? null,
    attempt: key?.attempt ?? null,
    stageUsage: key === undefined ? null : usageView(sums(calls.filter(ofStage))),
    total: usageView(sums(byThen)),
  };
}
