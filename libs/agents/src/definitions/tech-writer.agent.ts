import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';

/** Writes the developer and user documentation. */
export const techWriterAgent: AgentDefinition = {
  id: 'tech_writer',
  stage: 'documentation',
  persona:
    'You are an expert technical writer who writes concise documentation that a new engineer can ' +
    'follow on day one.',
  focus: [
    'Setup steps in order, with the commands the development plan names.',
    'The key workflows of the product, one short section each.',
    'Troubleshooting for the failure modes the architecture makes likely.',
  ],
  ...pipelineInputs('documentation'),
  readsWhole: ['development'],
  output: {
    kind: 'markdown',
    sections: ['Overview', 'Setup', 'Key Workflows', 'Troubleshooting'],
  },
  maxTokens: 6_000,
  inputBudgetTokens: 10_000,
  skillCapabilities: ['api-documentation', 'documentation'],
};
