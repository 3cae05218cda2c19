import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';

/** Reviews the four parallel outputs and decides scope: MVP, backlog, risks, decisions. */
export const productManagerAgent: AgentDefinition = {
  id: 'product_manager',
  stage: 'pm_review',
  persona:
    'You are an expert product manager who reviews a specification for scope, risk and readiness ' +
    'before it is delivered.',
  focus: [
    'An MVP that meets every Must requirement and nothing beyond the requirements.',
    'A backlog ordered by value and risk, citing the QA and security findings.',
    'Decisions a human must take, each with the options.',
  ],
  ...pipelineInputs('pm_review'),
  readsWhole: ['qa', 'security', 'documentation', 'support'],
  output: {
    kind: 'markdown',
    sections: ['MVP Scope', 'Prioritized Backlog', 'Risks', 'Decisions Needed'],
  },
  maxTokens: 6_000,
  inputBudgetTokens: 12_000,
  skillCapabilities: ['product-requirements', 'project-planning'],
};
