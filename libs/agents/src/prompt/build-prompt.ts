import { PermanentError, PIPELINE_ORDER, type StageId } from '@agentbus/contracts';
import type { LlmExpectedOutput, LlmRequest } from '@agentbus/llm';
import { jsonSchemaOf } from './json-schema-of';
import type { AgentDefinition } from '../agent-definition';
import { allocateBudget } from './allocate-budget';
import { estimateTokens } from './estimate-tokens.util';
import type { PromptContext } from './prompt-context';
import { summarizeArtifact } from './summarize-artifact';
import { buildSystemPrompt } from './system-prompt';
import { buildUserPrompt, type PromptInput } from './user-prompt';

/** A task arrived without an input its agent requires: an orchestration bug, not worth retrying. */
export class MissingInputError extends PermanentError {
  constructor(
    readonly agent: string,
    readonly missing: readonly StageId[],
  ) {
    super(`agent ${agent} is missing required input(s): ${missing.join(', ')}`);
    this.name = 'MissingInputError';
  }
}

const expectedOf = (agent: AgentDefinition): LlmExpectedOutput =>
  agent.output.kind === 'json'
    ? { kind: 'json', jsonSchema: jsonSchemaOf(agent.output.schema) }
    : { kind: 'markdown', sections: agent.output.sections };

const promptInputs = (agent: AgentDefinition, context: PromptContext): PromptInput[] => {
  const missing = agent.inputs.filter((stage) => !context.inputs.has(stage));
  if (missing.length > 0) throw new MissingInputError(agent.id, missing);
  // Undeclared inputs in the context are ignored: an agent reads what its definition says, only.
  const reads = new Set([...agent.inputs, ...agent.optionalInputs]);
  const present = PIPELINE_ORDER.flatMap((stage) => {
    const artifact = reads.has(stage) ? context.inputs.get(stage) : undefined;
    return artifact ? [{ stage, artifact }] : [];
  });
  const budget = allocateBudget(
    present.map(({ stage, artifact }) => ({ stage, tokens: estimateTokens(artifact.body.trim()) })),
    agent.inputBudgetTokens,
  );
  return present.map(({ stage, artifact }) => ({
    stage,
    format: artifact.format,
    version: artifact.version,
    summary: summarizeArtifact(artifact, budget.get(stage) ?? 0),
  }));
};

/**
 * The LLM request for one run of `agent`: system = guardrail, persona, output contract, skills;
 * user = requirements, its declared inputs summarized to `inputBudgetTokens`, memory, revision.
 * @throws MissingInputError when a required input is not in `context.inputs`.
 */
export const buildPrompt = (agent: AgentDefinition, context: PromptContext): LlmRequest => ({
  system: buildSystemPrompt(agent, context.skills),
  messages: [
    { role: 'user', content: buildUserPrompt(agent, context, promptInputs(agent, context)) },
  ],
  maxTokens: agent.maxTokens,
  expected: expectedOf(agent),
  outputInstructed: true, // the system prompt above carries the contract and the schema
  seedText: context.requirements,
});
