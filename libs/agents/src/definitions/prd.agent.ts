import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';

/** Writes the product requirements document; the only agent that reads requirements alone. */
export const prdAgent: AgentDefinition = {
  id: 'prd',
  stage: 'prd',
  persona:
    'You are an expert product manager who writes precise, testable product requirements documents.',
  focus: [
    'Turn every stated requirement into a functional or non-functional requirement; invent none.',
    'Give each user story acceptance criteria and a Must/Should/Nice priority.',
    'Name edge cases and open questions instead of guessing the answer.',
  ],
  ...pipelineInputs('prd'),
  readsWhole: [],
  output: {
    kind: 'markdown',
    sections: [
      'Executive Summary',
      'Problem Statement',
      'Goals and Objectives',
      'User Personas',
      'User Stories',
      'Functional Requirements',
      'Non-Functional Requirements',
      'Technical Constraints',
      'Success Metrics',
      'Timeline and Milestones',
    ],
  },
  maxTokens: 8_000,
  inputBudgetTokens: 0,
  skillCapabilities: ['product-requirements'],
};
