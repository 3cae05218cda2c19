import { type ProjectState } from '@agentbus/contracts';
import { type ProjectDetail, type Usage } from '../api/project.schemas';
import { type EventOf, type WorkflowEvent } from './workflow-event';

/** The twelve agent stages of DESIGN §4; `ml_feasibility` only counts once a project routes to GPU. */
export const DEFAULT_STAGE_COUNT = 12;

export type StageStatus = 'running' | 'retrying' | 'succeeded' | 'failed';

export interface OpenGate {
  readonly approvalId: string;
  readonly gate: string;
  readonly attempt: number;
  readonly stage: string | undefined;
  readonly reason: string | undefined;
}

/** What a watcher knows about a project, built from its events (plus usage from its detail). */
export interface Progress {
  readonly state: ProjectState;
  readonly stages: Readonly<Record<string, StageStatus>>;
  readonly stageCount: number;
  readonly tokens: number;
  /** Of `tokens`, prompt tokens read from the provider's cache. */
  readonly cachedTokens: number;
  readonly costUsd: number;
  /** When the project was submitted (epoch ms), for the elapsed time; undefined if unknown. */
  readonly createdAt: number | undefined;
  readonly openGate: OpenGate | undefined;
  readonly failure: { readonly stage: string | undefined; readonly cause: string } | undefined;
}

/** Before any event: the stage count and usage from the detail when there is one. */
export function initialProgress(detail?: ProjectDetail): Progress {
  const planned = detail?.stages.filter((stage) => stage.state !== 'skipped').length ?? 0;
  return {
    state: detail?.state ?? 'queued',
    stages: {},
    stageCount: planned > 0 ? planned : DEFAULT_STAGE_COUNT,
    tokens: detail?.usage?.totalTokens ?? 0,
    cachedTokens: detail?.usage?.cachedTokens ?? 0,
    costUsd: detail?.usage?.costUsd ?? 0,
    createdAt: detail === undefined ? undefined : Date.parse(detail.createdAt) || undefined,
    openGate: undefined,
    failure: undefined,
  };
}

/** The progress after one event (pure). */
export function applyEvent(progress: Progress, event: WorkflowEvent): Progress {
  switch (event.kind) {
    case 'project.started':
      return { ...progress, state: 'running' };
    case 'stage.dispatched':
      return withStage(
        { ...progress, state: 'running', openGate: undefined, failure: undefined },
        event.stage,
        'running',
      );
    case 'stage.completed':
      return withStage(progress, event.stage, 'succeeded');
    case 'stage.failed':
      return withStage(progress, event.stage, event.willRetry ? 'retrying' : 'failed');
    case 'approval.requested':
      return { ...progress, state: 'waiting_approval', openGate: gateOf(event) };
    case 'project.completed':
      return completed(progress, event);
    case 'project.failed':
      return ended(progress, 'failed', event.stage, event.cause ?? 'no cause given');
    case 'project.cancelled':
      return ended(progress, 'cancelled', undefined, event.reason ?? 'cancelled on request');
    case 'cost':
      return applyUsage(progress, event.total);
    case 'other':
      return progress;
  }
}

/** Newer totals from the project's detail; totals only grow while a project runs. */
export const applyUsage = (progress: Progress, usage: Usage): Progress => ({
  ...progress,
  tokens: Math.max(progress.tokens, usage.totalTokens),
  cachedTokens: Math.max(progress.cachedTokens, usage.cachedTokens ?? 0),
  costUsd: Math.max(progress.costUsd, usage.costUsd),
});

function withStage(progress: Progress, stage: string, status: StageStatus): Progress {
  const stages = { ...progress.stages, [stage]: status };
  const seen = Object.keys(stages).length;
  return { ...progress, stages, stageCount: Math.max(progress.stageCount, seen) };
}

const gateOf = (event: EventOf<'approval.requested'>): OpenGate => ({
  approvalId: event.approvalId,
  gate: event.gate,
  attempt: event.attempt,
  stage: event.stage,
  reason: event.reason,
});

function completed(progress: Progress, event: EventOf<'project.completed'>): Progress {
  const usage = { totalTokens: event.totalTokens ?? 0, costUsd: event.totalCostUsd ?? 0 };
  return {
    ...applyUsage(progress, usage),
    state: 'completed',
    openGate: undefined,
    failure: undefined,
  };
}

function ended(
  progress: Progress,
  state: 'failed' | 'cancelled',
  stage: string | undefined,
  cause: string,
): Progress {
  return { ...progress, state, openGate: undefined, failure: { stage, cause } };
}
