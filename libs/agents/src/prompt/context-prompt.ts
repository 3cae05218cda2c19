import type { PromptContext } from './prompt-context';
import { TRUTH_GUARDRAIL } from './system-prompt';
import { inputBlock, type PromptInput } from './user-prompt';

/**
 * The prompt's shared context, its stable and most widely shared prefix: guardrail, project,
 * requirements and the inputs shared with the agents running beside this one.
 */
export const buildContextPrompt = (
  context: PromptContext,
  shared: readonly PromptInput[],
): string =>
  [
    TRUTH_GUARDRAIL,
    `Project: ${context.projectName}`,
    `<requirements authority="source of truth">\n${context.requirements.trim()}\n</requirements>`,
    ...shared.map(inputBlock),
  ].join('\n\n');
