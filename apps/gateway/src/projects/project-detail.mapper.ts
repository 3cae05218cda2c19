import { pipelinePosition } from '@agentbus/contracts';
import { forecastView } from './forecast-view.mapper';
import { type ProjectDetailRows, type RoutingRow, type StageRow } from './project-detail.rows';
import {
  type ProjectDetailView,
  type RoutingView,
  type StageView,
  type UsageView,
} from './project-detail.views';
import { NO_USAGE, usageView } from './usage-view.mapper';
import { type SubmissionRow } from './project-detail.repository';
import { gateView } from './gate-view.mapper';
import { projectLinks } from './project-links.util';
import { stageMemory } from './stage-memory.util';

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** The detail view of a project the orchestrator has created. */
export function projectDetailView(rows: ProjectDetailRows, workspace: string): ProjectDetailView {
  const { project, stages, approvals, usage, decisions, gateTimers, routing, forecast } = rows;
  const total = usageView(usage);
  const usageByStage = new Map(usage.map((row) => [row.stage, usageView([row])]));
  const pendingByApproval = new Map(decisions.map((row) => [row.approval_id, row]));
  const timerByApproval = new Map(gateTimers.map((row) => [row.approval_id, row]));
  return {
    id: project.id,
    name: project.name,
    workspace,
    state: project.state as ProjectDetailView['state'],
    submittedBy: project.submitted_by,
    createdAt: project.created_at.toISOString(),
    updatedAt: project.updated_at.toISOString(),
    completedAt: iso(project.completed_at),
    failure:
      project.failure_cause === null
        ? null
        : { stage: project.failed_stage, cause: project.failure_cause },
    options: project.options,
    workflowVersion: project.workflow_version,
    routing: routingView(routing),
    stages: [...stages]
      .sort((a, b) => pipelinePosition(a.stage) - pipelinePosition(b.stage))
      .map((row) => stageView(row, usageByStage.get(row.stage) ?? NO_USAGE)),
    gates: approvals.map((row) =>
      gateView(row, pendingByApproval.get(row.id), timerByApproval.get(row.id)),
    ),
    usage: total,
    forecast: forecastView(
      forecast,
      total.costUsd,
      new Map([...usageByStage].map(([stage, view]) => [stage, view.costUsd])),
    ),
    budget: {
      maxTokens: project.budget?.maxTokens ?? null,
      maxCostUsd: project.budget?.maxCostUsd ?? null,
      tokensUsed: project.tokens_used,
      costUsd: project.cost_usd,
      tokensReserved: project.tokens_reserved,
      costReservedUsd: project.cost_reserved_usd,
    },
    links: projectLinks(project.id),
  };
}

/** A submission the orchestrator has not created yet: `queued`, nothing run. */
export function queuedDetailView(row: SubmissionRow, workspace: string): ProjectDetailView {
  const createdAt = row.created_at.toISOString();
  return {
    id: row.id,
    workspace,
    name: row.name,
    state: 'queued',
    submittedBy: row.submitted_by,
    createdAt,
    updatedAt: createdAt,
    completedAt: null,
    failure: null,
    options: null,
    workflowVersion: null,
    routing: null,
    stages: [],
    gates: [],
    usage: NO_USAGE,
    forecast: null,
    budget: {
      maxTokens: null,
      maxCostUsd: null,
      tokensUsed: 0,
      costUsd: 0,
      tokensReserved: 0,
      costReservedUsd: 0,
    },
    links: projectLinks(row.id),
  };
}

function stageView(row: StageRow, usage: UsageView): StageView {
  const version = row.artifact?.version;
  const ran = row.started_at !== null && row.finished_at !== null;
  return {
    stage: row.stage,
    state: row.state,
    attempt: row.attempt,
    failures: row.failures,
    target: row.target,
    artifactVersion: typeof version === 'number' ? version : null,
    memory: stageMemory(row.artifact),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    nextAttemptAt: iso(row.next_attempt_at),
    durationMs: ran
      ? (row.finished_at as Date).getTime() - (row.started_at as Date).getTime()
      : null,
    lastError: row.last_error ?? null,
    usage,
  };
}

/** The detector's decision as a person reads it: ML or not, how sure, why, and what it needs. */
export function routingView(routing: RoutingRow): RoutingView | null {
  if (routing === null) return null;
  const { detection } = routing;
  return {
    ml: detection.isMl,
    target: routing.target,
    confidence: detection.score,
    mlFeasibility: routing.runMlFeasibility,
    reason: routing.reason,
    workloads: detection.workloads,
    signals: detection.signals.map(({ text, workload, negated }) => ({ text, workload, negated })),
    resources: detection.resources ?? null,
  };
}
