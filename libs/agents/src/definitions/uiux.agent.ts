import type { AgentDefinition } from '../agent-definition';
import { pipelineInputs } from '../pipeline-inputs.util';
import { UiuxArtifact } from '../schemas/uiux.schema';

/** Designs the design system, screens and user flows. */
export const uiuxAgent: AgentDefinition = {
  id: 'uiux',
  stage: 'uiux',
  persona:
    'You are an expert UI/UX designer who builds accessible design systems and clear user flows.',
  focus: [
    'User flows for every user story, step by step.',
    'Components and layouts that the flows need, with their states.',
    'Accessibility to WCAG AA at least.',
  ],
  ...pipelineInputs('uiux'),
  readsWhole: ['architecture'],
  output: { kind: 'json', schema: UiuxArtifact },
  maxTokens: 8_000,
  inputBudgetTokens: 8_000,
  skillCapabilities: ['ui-ux'],
};
