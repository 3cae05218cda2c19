import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';
import { FeatureTreeArtifact } from '../schemas/feature-tree.schema';

/** Breaks the PRD into a feature tree mapped onto reusable modules. */
export const featureTreeAgent: AgentDefinition = {
  id: 'feature_tree',
  stage: 'feature_tree',
  persona:
    'You are an expert solution analyst who decomposes products into features and maps them onto ' +
    'reusable platform modules.',
  focus: [
    'Every node traces to requirements or PRD sections in requirements_refs.',
    'Prefer reusing or extending a module over proposing a new one; justify each new module.',
    'Keep counts in modularization_report consistent with the tree.',
  ],
  ...pipelineInputs('feature_tree'),
  readsWhole: ['prd'],
  output: { kind: 'json', schema: FeatureTreeArtifact },
  maxTokens: 8_000,
  inputBudgetTokens: 6_000,
  skillCapabilities: ['product-requirements', 'architecture'],
};
