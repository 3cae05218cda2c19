import { GATES, PIPELINE, type PipelineGate, type PipelineStage } from '@agentbus/contracts';
import { specOf } from './decider/graph';
import { type Workflow } from './workflow.dag';

/**
 * One version of the DAG: its stages (every stage id once, each after its dependencies; a stage a
 * version does not run is `skipped`) and gates. A project is driven on the version it started on
 * to its end, so a published version never changes: a new DAG is the next version.
 */
export interface WorkflowTopology {
  readonly version: number;
  readonly stages: readonly PipelineStage[];
  readonly gates: readonly PipelineGate[];
}

/** The first DAG: the contracts' {@link PIPELINE} and {@link GATES}. */
export const WORKFLOW_V1: WorkflowTopology = { version: 1, stages: PIPELINE, gates: GATES };

/**
 * The second DAG: `ml_feasibility` (a GPU job after `architecture`, reading the PRD and the
 * architecture) is in the DAG; each project's routing decision runs it or skips it with the reason.
 */
export const WORKFLOW_V2: WorkflowTopology = {
  version: 2,
  stages: PIPELINE.map((stage) =>
    stage.id === 'ml_feasibility'
      ? { ...stage, skipped: false, inputs: ['prd', 'architecture'] }
      : stage,
  ),
  gates: GATES,
};

/**
 * Every DAG version this orchestrator can drive, oldest first; the newest starts new projects.
 * Keep a version here while any project may still run on it (restart included).
 */
export const WORKFLOW_VERSIONS: readonly WorkflowTopology[] = [WORKFLOW_V1, WORKFLOW_V2];

/** `topology` with the retry policies and every other knob of `configured` (same stage ids). */
export function withTopology(configured: Workflow, topology: WorkflowTopology): Workflow {
  return {
    ...configured,
    version: topology.version,
    stages: topology.stages.map((stage) => ({
      ...stage,
      retry: specOf(configured, stage.id).retry,
    })),
    gates: topology.gates,
  };
}
