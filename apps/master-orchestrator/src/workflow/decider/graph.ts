import { type StageId } from '@agentbus/contracts';
import { type StageSpec, type Workflow } from '../workflow.dag';

/** The spec of a stage; every stage id of the contracts is in the DAG. */
export function specOf(workflow: Workflow, stage: StageId): StageSpec {
  const spec = workflow.stages.find((candidate) => candidate.id === stage);
  if (spec === undefined) throw new Error(`stage ${stage} is not in the workflow`);
  return spec;
}

const closure = (start: StageId, next: (stage: StageId) => readonly StageId[]): Set<StageId> => {
  const seen = new Set<StageId>();
  const queue = [...next(start)];
  for (let stage = queue.shift(); stage !== undefined; stage = queue.shift()) {
    if (seen.has(stage)) continue;
    seen.add(stage);
    queue.push(...next(stage));
  }
  return seen;
};

/** Every stage `stage` depends on, directly or not, in DAG order. */
export function upstreamOf(workflow: Workflow, stage: StageId): StageId[] {
  const found = closure(stage, (id) => specOf(workflow, id).after);
  return workflow.stages.map((spec) => spec.id).filter((id) => found.has(id));
}

/** Every stage that depends on `stage`, directly or not, in DAG order. */
export function downstreamOf(workflow: Workflow, stage: StageId): StageId[] {
  const dependents = (id: StageId) =>
    workflow.stages.filter((spec) => spec.after.includes(id)).map((spec) => spec.id);
  const found = closure(stage, dependents);
  return workflow.stages.map((spec) => spec.id).filter((id) => found.has(id));
}
