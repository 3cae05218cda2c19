import { type RoutingDecision } from '@agentbus/ml-detection';
import { type Workflow } from '../workflow.dag';
import {
  type Decision,
  type NewProject,
  type ProjectRow,
  type Snapshot,
  type StageRow,
  type WorkflowInput,
} from '../workflow.types';
import { advance, isActive } from './advance';
import { Draft } from './draft';
import { downstreamOf, specOf } from './graph';
import { routedHere, routeProject, routingDecided } from './routing';
import { closeOpenGates } from './gates';
import { supersedeGates } from './supersede';
import { cancelTaskOf, stopInFlight } from './stop';

function newSnapshot(
  source: NewProject,
  workflow: Workflow,
  routing: RoutingDecision,
  now: Date,
): Snapshot {
  const project: ProjectRow = {
    id: source.projectId,
    name: source.name,
    state: 'running',
    gates: source.options.gates,
    budget: source.options.budget ?? null,
    gateTimeouts: source.options.gateTimeouts ?? {},
    failureCause: null,
    failedStage: null,
    tokensUsed: 0,
    costUsd: 0,
    tokensReserved: 0,
    costReservedUsd: 0,
    version: 0,
    workflowVersion: workflow.version,
    routing,
    memory: source.templateId === undefined ? null : { templateId: source.templateId },
    updatedAt: now,
    completedAt: null,
  };
  const stages = workflow.stages.map((spec): StageRow => ({
    stage: spec.id,
    state: spec.skipped || !routedHere(routing, spec.id) ? 'skipped' : 'pending',
    attempt: 0,
    failures: 0,
    target: spec.target,
    taskId: null,
    nextAttemptAt: null,
    deadlineAt: null,
    startedAt: null,
    finishedAt: null,
    artifact: null,
    lastError: null,
    revision: null,
  }));
  return { project, stages, tasks: [], approvals: [] };
}

/** A new project starts at once; a second submission of the same id changes nothing. */
export function onSubmitted(
  existing: Snapshot | undefined,
  source: NewProject,
  workflow: Workflow,
  now: Date,
): Decision {
  if (existing !== undefined) {
    const detail = `project ${source.projectId} exists (${existing.project.state})`;
    return { changes: [], effects: [], ignored: { reason: 'duplicate_submission', detail } };
  }
  const routing = routeProject(source, workflow);
  const draft = Draft.create(newSnapshot(source, workflow, routing, now), source, workflow, now);
  draft.emit({ name: 'project_started', data: { name: source.name } });
  draft.emit(routingDecided(routing));
  advance(draft);
  return draft.decision();
}

/** Stops dispatching, cancels in-flight tasks and closes open gates. */
export function onCancelRequested(draft: Draft, reason: string | undefined): Decision {
  if (!isActive(draft.project.state)) {
    return draft.decision({ reason: 'project_finished', detail: draft.project.state });
  }
  stopInFlight(draft, 'cancelled');
  draft.patchProject({ state: 'cancelled' });
  draft.emit({ name: 'project_cancelled', data: reason === undefined ? {} : { reason } });
  return draft.decision();
}

type Restart = Extract<WorkflowInput, { kind: 'restart_requested' }>;

/** Adds patterns to the project's exclusions (kept for good: a later restart need not repeat them). */
function excludeMemoryPatterns(draft: Draft, patternIds: readonly string[]): void {
  const memory = draft.project.memory ?? {};
  const before = memory.excludePatternIds ?? [];
  const excluded = [...new Set([...before, ...patternIds])];
  if (excluded.length === before.length) return;
  draft.patchProject({ memory: { ...memory, excludePatternIds: excluded } });
}

const RESET: Partial<StageRow> = {
  state: 'pending',
  failures: 0,
  nextAttemptAt: null,
  deadlineAt: null,
  startedAt: null,
  finishedAt: null,
  artifact: null,
  lastError: null,
  revision: null,
};

const isReset = (row: StageRow): boolean =>
  Object.entries(RESET).every(([key, value]) => row[key as keyof StageRow] === value);

/**
 * Re-runs `fromStage` and everything downstream (and anything that never finished), keeping the
 * artifacts upstream; the gates after them are superseded and ask again. Attempt numbers keep
 * growing, so results of the old run are stale.
 */
export function onRestartRequested(
  draft: Draft,
  { fromStage, requestId, excludePatterns }: Restart,
): Decision {
  if (specOf(draft.workflow, fromStage).skipped) {
    return draft.decision({ reason: 'stage_not_in_workflow', detail: `${fromStage} is skipped` });
  }
  excludeMemoryPatterns(draft, excludePatterns ?? []);
  const unfinished = draft.stages.filter((row) => !['succeeded', 'skipped'].includes(row.state));
  const reset = new Set([
    fromStage,
    ...downstreamOf(draft.workflow, fromStage),
    ...unfinished.map((row) => row.stage),
  ]);
  for (const stage of draft.workflow.stages.filter((spec) => !spec.skipped)) {
    const row = draft.stage(stage.id);
    if (!reset.has(stage.id) || isReset(row) || row.state === 'skipped') continue;
    cancelTaskOf(draft, stage.id);
    draft.patchStage(stage.id, RESET);
  }
  supersedeGates(draft, reset, requestId);
  closeOpenGates(
    draft,
    (gate) => gate.gate === 'budget_exceeded' || (gate.stage !== null && reset.has(gate.stage)),
  );
  if (!isActive(draft.project.state)) {
    draft.patchProject({
      state: 'running',
      failureCause: null,
      failedStage: null,
      completedAt: null,
    });
    draft.emit({ name: 'project_started', data: { name: draft.project.name } });
  }
  advance(draft);
  return draft.decision();
}
