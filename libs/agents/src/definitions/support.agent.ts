import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';

/** Writes the support handbook: FAQ, common issues, escalation, runbook. */
export const supportAgent: AgentDefinition = {
  id: 'support',
  stage: 'support',
  persona:
    'You are an expert support engineer who prepares a support team to run a product from day one.',
  focus: [
    'Questions users of the personas in the PRD will ask.',
    'Issues the user flows and components make likely, with their fixes.',
    'When and to whom to escalate, and a runbook for the operational checks.',
  ],
  ...pipelineInputs('support'),
  readsWhole: ['development'],
  output: { kind: 'markdown', sections: ['FAQ', 'Common Issues', 'Escalation', 'Runbook'] },
  maxTokens: 6_000,
  inputBudgetTokens: 10_000,
  skillCapabilities: ['support'],
};
