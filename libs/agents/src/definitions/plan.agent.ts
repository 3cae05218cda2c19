import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';
import { PlanArtifact } from '../schemas/plan.schema';

/** Turns the feature tree into milestones and dependent tasks. */
export const planAgent: AgentDefinition = {
  id: 'plan',
  stage: 'plan',
  persona:
    'You are an expert delivery lead who turns a feature tree into milestones and small, ' +
    'dependency-ordered tasks.',
  focus: [
    'Every task belongs to a milestone and lists the task ids it depends on.',
    'The first milestone is a thin, demonstrable slice.',
    'State assumptions and risks rather than hiding them in tasks.',
  ],
  ...pipelineInputs('plan'),
  readsWhole: ['feature_tree'],
  output: { kind: 'json', schema: PlanArtifact },
  maxTokens: 8_000,
  inputBudgetTokens: 8_000,
  skillCapabilities: ['project-planning'],
};
