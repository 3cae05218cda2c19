import { type StageId } from '@agentbus/contracts';
import { routeMlWork, type RoutingDecision } from '@agentbus/ml-detection';
import { type Workflow } from '../workflow.dag';
import { type NewProject, type WorkflowEvent } from '../workflow.types';

/** Stages that run only where the project's routing sends ML work. */
const ML_STAGES: readonly StageId[] = ['ml_feasibility'];

/** The detector's verdict on a new project's requirements, honouring `options.gpu`. */
export function routeProject(source: NewProject, workflow: Workflow): RoutingDecision {
  return routeMlWork(source.requirements, source.options.gpu ?? 'auto', workflow.detector);
}

/** Whether the routing lets `stage` run (every non-ML stage does). */
export function routedHere(routing: RoutingDecision | null, stage: StageId): boolean {
  if (!ML_STAGES.includes(stage)) return true;
  return routing?.runMlFeasibility ?? false;
}

/** The `routing.decided` event: score, the signals that counted, target and GPU estimate. */
export function routingDecided(routing: RoutingDecision): WorkflowEvent {
  const { detection } = routing;
  const signals = detection.signals
    .filter((signal) => !signal.negated)
    .slice(0, 100)
    .map((signal) => `${signal.workload}: ${signal.text}`.slice(0, 200));
  const resources = routing.runMlFeasibility ? detection.resources : undefined;
  return {
    name: 'routing_decided',
    data: {
      score: detection.score,
      signals,
      target: routing.target,
      ...(resources === undefined
        ? {}
        : { estimate: { gpus: resources.gpus, memoryGi: resources.gpuMemoryGi } }),
    },
  };
}
