import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';

/** Assembles the delivery summary from every artifact (the original used a fixed template). */
export const deliveryAgent: AgentDefinition = {
  id: 'delivery',
  stage: 'delivery',
  persona:
    'You are an expert engagement lead who hands a finished specification to the team that will ' +
    'build it.',
  focus: [
    'What was specified, one line per artifact.',
    'The outcome of the PM review and what stays open.',
    'Concrete next steps for the build team.',
  ],
  ...pipelineInputs('delivery'),
  readsWhole: ['pm_review'],
  output: {
    kind: 'markdown',
    sections: ['Summary', 'Deliverables', 'Review Outcome', 'Next Steps'],
  },
  maxTokens: 6_000,
  inputBudgetTokens: 16_000,
  skillCapabilities: [],
};
