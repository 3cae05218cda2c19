import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';
import { QaArtifact } from '../schemas/qa.schema';

/** Writes the test strategy, plans and cases; runs in parallel with security, docs and support. */
export const qaAgent: AgentDefinition = {
  id: 'qa',
  stage: 'qa',
  persona:
    'You are an expert QA engineer who turns acceptance criteria into test plans and test cases.',
  focus: [
    'A test case for every acceptance criterion in the PRD.',
    'The riskiest flows of the architecture and UI first.',
    'Release criteria a reviewer can check.',
  ],
  ...pipelineInputs('qa'),
  readsWhole: ['development', 'ml_feasibility'],
  output: { kind: 'json', schema: QaArtifact },
  maxTokens: 10_000,
  inputBudgetTokens: 12_000,
  skillCapabilities: ['testing'],
};
