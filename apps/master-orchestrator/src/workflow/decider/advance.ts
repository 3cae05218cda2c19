import { type ProjectState, type StageId } from '@agentbus/contracts';
import { budgetShortfall } from './budget';
import { dispatchStage } from './dispatch';
import { type Draft } from './draft';
import { openApprovals, openGate, unpassedGate } from './gates';

/** States in which a project still moves. */
export const isActive = (state: ProjectState): boolean =>
  state === 'queued' || state === 'running' || state === 'waiting_approval';

const isDone = (draft: Draft, stage: StageId): boolean => {
  const { state } = draft.stage(stage);
  return state === 'succeeded' || state === 'skipped';
};

/** Pending stages whose dependencies are all done and that are not waiting for a retry. */
export function readyStages(draft: Draft): StageId[] {
  return draft.workflow.stages
    .filter((spec) => {
      const row = draft.stage(spec.id);
      return row.state === 'pending' && row.nextAttemptAt === null;
    })
    .filter((spec) => spec.after.every((dependency) => isDone(draft, dependency)))
    .map((spec) => spec.id);
}

function completeProject(draft: Draft): void {
  const artifactIds = draft.workflow.stages.flatMap((spec) => {
    const { artifact } = draft.stage(spec.id);
    return artifact === null ? [] : [artifact.id];
  });
  draft.patchProject({ state: 'completed', completedAt: draft.now });
  draft.emit({
    name: 'project_completed',
    data: {
      artifactIds,
      totalTokens: draft.project.tokensUsed,
      totalCostUsd: draft.project.costUsd,
    },
  });
}

/**
 * Moves a project as far as its state allows: waits while a gate is open, opens a gate whose
 * stage just succeeded, dispatches every ready stage (the parallel ones together) while the budget
 * allows, pauses at `budget_exceeded` when it does not, and completes the project at the end.
 * Derived from state alone, so every input can end with it.
 */
export function advance(draft: Draft): void {
  if (!isActive(draft.project.state) || openApprovals(draft).length > 0) return;
  const gate = unpassedGate(draft);
  if (gate !== undefined) return openGate(draft, gate.id, gate.after);
  if (draft.project.state !== 'running') draft.patchProject({ state: 'running' });
  if (draft.workflow.stages.every((spec) => isDone(draft, spec.id))) {
    return completeProject(draft);
  }
  for (const stage of readyStages(draft)) {
    const shortfall = budgetShortfall(draft.project, draft.workflow.estimate);
    if (shortfall !== undefined) return openGate(draft, 'budget_exceeded', stage, shortfall);
    dispatchStage(draft, stage);
  }
}
