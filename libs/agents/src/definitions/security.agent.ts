import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';
import { SecurityArtifact } from '../schemas/security.schema';

/** Reviews the planned system for vulnerabilities; runs in parallel with QA (original: after it). */
export const securityAgent: AgentDefinition = {
  id: 'security',
  stage: 'security',
  persona:
    'You are an expert application security engineer who reviews designs against the OWASP Top 10 ' +
    'and names concrete, prioritised fixes.',
  focus: [
    'Findings tied to the components they affect, with severity and CWE where one fits.',
    'Authentication, authorization, data protection and secrets handling.',
    'Counts in security_metrics that match the findings.',
  ],
  ...pipelineInputs('security'),
  readsWhole: ['development'],
  output: { kind: 'json', schema: SecurityArtifact },
  maxTokens: 8_000,
  inputBudgetTokens: 10_000,
  skillCapabilities: ['security'],
};
