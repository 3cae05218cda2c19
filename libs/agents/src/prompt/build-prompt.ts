import { PermanentError, PIPELINE_ORDER, type StageId } from '@agentbus/contracts';
import type { LlmExpectedOutput, LlmRequest } from '@agentbus/llm';
import { digestArtifact } from '../digest/digest-artifact';
import { jsonSchemaOf } from './json-schema-of';
import type { AgentDefinition } from '../agent-definition';
import { allocateBudget } from './allocate-budget';
import { buildContextPrompt } from './context-prompt';
import { estimateTokens } from './estimate-tokens.util';
import type { InputArtifact, PromptContext } from './prompt-context';
import { sharedBudgetOf, sharedInputsOf } from './shared-inputs';
import { summarizeArtifact } from './summarize-artifact';
import { buildAgentInstructions } from './system-prompt';
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

interface Read {
  readonly stage: StageId;
  readonly artifact: InputArtifact;
  /** The whole body, or its digest for an input the agent does not read whole. */
  readonly text: string;
  readonly digested: boolean;
}

// Whole JSON goes in compact: the stored form is indented for people, and indentation is about a
// fifth of its tokens with nothing in it for the model.
const wholeTextOf = (artifact: InputArtifact): string => {
  if (artifact.format !== 'json') return artifact.body.trim();
  try {
    return JSON.stringify(JSON.parse(artifact.body));
  } catch {
    return artifact.body.trim();
  }
};

const readsOf = (agent: AgentDefinition, context: PromptContext): Read[] => {
  const missing = agent.inputs.filter((stage) => !context.inputs.has(stage));
  if (missing.length > 0) throw new MissingInputError(agent.id, missing);
  // Undeclared inputs in the context are ignored: an agent reads what its definition says, only.
  const reads = new Set([...agent.inputs, ...agent.optionalInputs]);
  return PIPELINE_ORDER.flatMap((stage): Read[] => {
    const artifact = reads.has(stage) ? context.inputs.get(stage) : undefined;
    if (artifact === undefined) return [];
    if (agent.readsWhole.includes(stage)) {
      return [{ stage, artifact, text: wholeTextOf(artifact), digested: false }];
    }
    const digest = artifact.digest ?? digestArtifact(artifact.format, artifact.body);
    return [{ stage, artifact, text: digest.trim(), digested: true }];
  });
};

/** Each read fitted to its share of `budgetTokens`: whole if it fits, else summarized. */
const fitted = (reads: readonly Read[], budgetTokens: number): PromptInput[] => {
  const budget = allocateBudget(
    reads.map((read) => ({ stage: read.stage, tokens: estimateTokens(read.text) })),
    budgetTokens,
  );
  return reads.map((read) => {
    const summary = summarizeArtifact(
      { format: read.artifact.format, body: read.text },
      budget.get(read.stage) ?? 0,
    );
    return {
      stage: read.stage,
      format: read.artifact.format,
      version: read.artifact.version,
      summary: { text: summary.text, summarized: summary.summarized || read.digested },
    };
  });
};

const usedTokens = (inputs: readonly PromptInput[]): number =>
  inputs.reduce((sum, input) => sum + estimateTokens(input.summary.text), 0);

/**
 * The LLM request for one run of `agent`, stable and widely shared parts first so providers can
 * cache them: system = shared context (guardrail, requirements, the inputs shared with agents
 * running beside it), then the agent's instructions (persona, output contract, skills), each a
 * cache breakpoint; user = its own inputs, memory, revision and the task. Inputs it does not read
 * whole enter as digests; all inputs together fit `inputBudgetTokens`.
 * @throws MissingInputError when a required input is not in `context.inputs`.
 */
export const buildPrompt = (agent: AgentDefinition, context: PromptContext): LlmRequest => {
  const reads = readsOf(agent, context);
  const sharedStages = new Set(sharedInputsOf(agent));
  // Shared inputs are fitted to the budget every agent beside this one has, so their text is the
  // same in each prompt; the agent's own inputs get what is left of its budget.
  const shared = fitted(
    reads.filter((read) => sharedStages.has(read.stage)),
    Math.min(sharedBudgetOf(agent), agent.inputBudgetTokens),
  );
  const own = fitted(
    reads.filter((read) => !sharedStages.has(read.stage)),
    agent.inputBudgetTokens - usedTokens(shared),
  );
  const contextPart = buildContextPrompt(context, shared);
  const agentPart = buildAgentInstructions(agent, context.skills);
  return {
    system: `${contextPart}\n\n${agentPart}`,
    systemParts: [
      { text: contextPart, cache: true },
      { text: agentPart, cache: true },
    ],
    messages: [{ role: 'user', content: buildUserPrompt(agent, context, own) }],
    maxTokens: agent.maxTokens,
    expected: expectedOf(agent),
    outputInstructed: true, // the system prompt above carries the contract and the schema
    seedText: context.requirements,
  };
};
