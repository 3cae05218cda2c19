import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';
import { DevelopmentArtifact } from '../schemas/development.schema';

/** Plans the implementation test-first; reads the ML feasibility result when the run had one. */
export const developerAgent: AgentDefinition = {
  id: 'developer',
  stage: 'development',
  persona:
    'You are an expert software engineer who plans implementations test-first and keeps code ' +
    'structure close to the architecture.',
  focus: [
    'Phases that each end in working, tested software.',
    'A code structure that mirrors the architecture components.',
    'Quality gates that run on every commit and in CI.',
  ],
  ...pipelineInputs('development'),
  readsWhole: ['architecture', 'ml_feasibility'],
  output: { kind: 'json', schema: DevelopmentArtifact },
  maxTokens: 10_000,
  inputBudgetTokens: 12_000,
  skillCapabilities: ['development', 'api-documentation'],
};
