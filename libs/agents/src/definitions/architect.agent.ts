import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';
import { ArchitectureArtifact } from '../schemas/architecture.schema';

/** Designs the system: components, flows, data, stack, deployment, security, monitoring. */
export const architectAgent: AgentDefinition = {
  id: 'architect',
  stage: 'architecture',
  persona:
    'You are an expert software architect who designs systems that are as simple as the ' +
    'requirements allow and no simpler.',
  focus: [
    'Components with clear responsibilities and the interfaces between them.',
    'Data flows between component ids, with protocols.',
    'Choices that serve the non-functional requirements (scale, latency, security, cost).',
  ],
  ...pipelineInputs('architecture'),
  readsWhole: ['plan'],
  output: { kind: 'json', schema: ArchitectureArtifact },
  maxTokens: 8_000,
  inputBudgetTokens: 8_000,
  skillCapabilities: ['architecture'],
};
