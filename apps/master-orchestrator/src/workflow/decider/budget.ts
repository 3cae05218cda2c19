import { type LlmUsage } from '@agentbus/contracts';
import { type Workflow } from '../workflow.dag';
import { type Budget, type ProjectRow } from '../workflow.types';
import { type Draft } from './draft';

// Costs are numeric(14, 6) in Postgres; rounding keeps float sums from drifting.
const usd = (value: number): number => Math.round(value * 1e6) / 1e6;

/**
 * Why `tasks` more tasks would overrun the project's budget (spent + reserved + estimate), or
 * `undefined` when they fit. Budgets reserve before they spend (DESIGN §17).
 */
export function budgetShortfall(
  project: ProjectRow,
  estimate: Workflow['estimate'],
  tasks = 1,
): string | undefined {
  const { budget } = project;
  if (budget === null) return undefined;
  const tokens = project.tokensUsed + project.tokensReserved + estimate.tokens * tasks;
  if (budget.maxTokens !== undefined && tokens > budget.maxTokens) {
    return `tokens: ${project.tokensUsed} used + ${project.tokensReserved} reserved + ${estimate.tokens * tasks} for the next task exceeds the budget of ${budget.maxTokens}`;
  }
  const cost = usd(project.costUsd + project.costReservedUsd + estimate.costUsd * tasks);
  if (budget.maxCostUsd !== undefined && cost > budget.maxCostUsd) {
    return `cost: $${project.costUsd} spent + $${project.costReservedUsd} reserved + $${estimate.costUsd * tasks} for the next task exceeds the budget of $${budget.maxCostUsd}`;
  }
  return undefined;
}

/** Raises each limit just enough for `tasks` more tasks (an approve without new limits). */
export function budgetCovering(
  project: ProjectRow,
  estimate: Workflow['estimate'],
  tasks: number,
): Budget {
  const budget = project.budget ?? {};
  const tokens = project.tokensUsed + project.tokensReserved + estimate.tokens * tasks;
  const cost = usd(project.costUsd + project.costReservedUsd + estimate.costUsd * tasks);
  return {
    ...(budget.maxTokens === undefined ? {} : { maxTokens: Math.max(budget.maxTokens, tokens) }),
    ...(budget.maxCostUsd === undefined ? {} : { maxCostUsd: Math.max(budget.maxCostUsd, cost) }),
  };
}

/** Reserves one task's estimate before it is dispatched. */
export function reserveTask(draft: Draft): void {
  const { tokens, costUsd } = draft.workflow.estimate;
  if (tokens === 0 && costUsd === 0) return;
  draft.patchProject({
    tokensReserved: draft.project.tokensReserved + tokens,
    costReservedUsd: usd(draft.project.costReservedUsd + costUsd),
  });
}

/** Gives back one task's reservation once its attempt is over (never below zero). */
export function releaseTask(draft: Draft): void {
  const { tokens, costUsd } = draft.workflow.estimate;
  const { tokensReserved, costReservedUsd } = draft.project;
  if (tokensReserved === 0 && costReservedUsd === 0) return;
  draft.patchProject({
    tokensReserved: Math.max(0, tokensReserved - tokens),
    costReservedUsd: Math.max(0, usd(costReservedUsd - costUsd)),
  });
}

/** Adds what a task really spent. */
export function addUsage(draft: Draft, usage: LlmUsage | undefined): void {
  if (usage === undefined) return;
  draft.patchProject({
    tokensUsed: draft.project.tokensUsed + usage.inputTokens + usage.outputTokens,
    costUsd: usd(draft.project.costUsd + usage.costUsd),
  });
}

/** The task columns that record a task's usage. */
export const usageColumns = (usage: LlmUsage | undefined) =>
  usage === undefined
    ? {}
    : { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUsd: usage.costUsd };
