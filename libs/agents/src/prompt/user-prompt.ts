import type { StageId } from '@agentbus/contracts';
import type { AgentDefinition } from '../agent-definition';
import { cutToFit } from './cut-to-fit.util';
import type { MemoryPattern, PromptContext, RevisionRequest } from './prompt-context';
import type { ArtifactSummary } from './summarize-artifact';

/** An input as it enters the prompt. */
export interface PromptInput {
  readonly stage: StageId;
  readonly format: 'json' | 'markdown';
  readonly version: number;
  readonly summary: ArtifactSummary;
}

// The original put up to three memory snippets of 800 characters each into the PRD prompt; keep
// the per-snippet bound so memory cannot crowd out the inputs.
export const MEMORY_SNIPPET_CHARS = 800;

const authorityOf = (stage: StageId): string =>
  stage === 'prd' ? 'approved by a reviewer' : 'derived; may be wrong';

/** An input as a tagged block: its stage, version, format and authority, then its text. */
export const inputBlock = (input: PromptInput): string => {
  const note = input.summary.summarized ? ' summarized="true"' : '';
  return [
    `<artifact stage="${input.stage}" version="${input.version}" format="${input.format}" authority="${authorityOf(input.stage)}"${note}>`,
    input.summary.text,
    '</artifact>',
  ].join('\n');
};

const memoryBlock = (memory: readonly MemoryPattern[]): string =>
  [
    '<memory_patterns note="similar past work: patterns to borrow from, not requirements">',
    ...memory.map(
      (pattern) =>
        `<pattern>\nTitle: ${pattern.title}\n${cutToFit(pattern.text.trim(), MEMORY_SNIPPET_CHARS)}\n</pattern>`,
    ),
    '</memory_patterns>',
  ].join('\n');

const revisionBlock = (revision: RevisionRequest): string =>
  [
    '<previous_version>',
    revision.previousBody.trim(),
    '</previous_version>',
    '<reviewer_comment>',
    revision.comment.trim(),
    '</reviewer_comment>',
    'Revise this version; keep what the reviewer accepted. Change what the comment asks for and ' +
      'leave everything else as it is, then return the full revised version, not a diff.',
  ].join('\n');

const task = (agent: AgentDefinition, revising: boolean): string => {
  const verb = revising ? 'Revise' : 'Write';
  const shape = agent.output.kind === 'json' ? 'one JSON object' : 'one markdown document';
  return `${verb} the ${agent.stage} artifact for this project now. Return ${shape} only, as the output contract says.`;
};

/**
 * What is this agent's alone: the inputs other agents do not share, memory and revision as
 * labelled blocks, then the task. The requirements and shared inputs are in the system prompt.
 */
export const buildUserPrompt = (
  agent: AgentDefinition,
  context: PromptContext,
  inputs: readonly PromptInput[],
): string =>
  [
    ...inputs.map(inputBlock),
    context.memory.length > 0 ? memoryBlock(context.memory) : undefined,
    context.revision ? revisionBlock(context.revision) : undefined,
    task(agent, context.revision !== undefined),
  ]
    .filter((part): part is string => part !== undefined)
    .join('\n\n');
