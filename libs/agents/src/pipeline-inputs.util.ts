import { pipelineStage, type StageId } from '@agentbus/contracts';
import type { AgentDefinition } from './agent-definition';

/**
 * The inputs an agent declares, taken from its stage's row of the contracts' PIPELINE: the
 * orchestrator sends exactly these and the worker loads exactly these.
 */
export const pipelineInputs = (
  stage: StageId,
): Pick<AgentDefinition, 'inputs' | 'optionalInputs'> => {
  const { inputs, optionalInputs } = pipelineStage(stage);
  return { inputs, optionalInputs };
};
