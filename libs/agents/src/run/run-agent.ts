import type { LlmCallOptions, LlmProvider, LlmResponse } from '@agentbus/llm';
import type { AgentDefinition } from '../agent-definition';
import { parseOutput, type ParsedOutput } from '../output/parse-output';
import { buildPrompt } from '../prompt/build-prompt';
import type { PromptContext } from '../prompt/prompt-context';
import { AgentOutputError } from './agent-output.errors';
import { buildRepairRequest } from './build-repair-request';

/** Options of {@link runAgent}. */
export interface RunAgentOptions extends LlmCallOptions {
  /** Repair calls after an invalid first answer (DESIGN §4: bounded). Default 1. */
  readonly maxRepairs?: number;
}

/** A valid artifact and every call it took. */
export interface AgentRunResult {
  /** The canonical stored form: pretty JSON or trimmed markdown. */
  readonly body: string;
  readonly format: 'json' | 'markdown';
  /** The schema-parsed value, for JSON agents. */
  readonly value?: unknown;
  /** One response per call, first call first; the worker records each call's usage. */
  readonly calls: readonly LlmResponse[];
  readonly repairs: number;
}

// Normalized stop reasons of a cut-off answer (Anthropic, OpenAI): asking to fix the JSON of a
// truncated answer without saying why tends to truncate again.
const TRUNCATED = new Set(['max_tokens', 'length']);

const check = (agent: AgentDefinition, response: LlmResponse): ParsedOutput => {
  const parsed = parseOutput(agent, response.text);
  if (parsed.ok || !TRUNCATED.has(response.stopReason)) return parsed;
  const hint = 'the answer was cut off at the output token limit: be more concise';
  return { ok: false, problems: [hint, ...parsed.problems] };
};

/**
 * Runs `agent` once: one call, then up to `maxRepairs` calls that send back the rejected answer
 * with its problems.
 * @throws AgentOutputError when no answer met the output contract.
 * @throws MissingInputError when a required input is missing from `context`.
 */
export const runAgent = async (
  agent: AgentDefinition,
  context: PromptContext,
  provider: LlmProvider,
  options: RunAgentOptions = {},
): Promise<AgentRunResult> => {
  const { maxRepairs = 1, ...callOptions } = options;
  const request = buildPrompt(agent, context);
  const calls: LlmResponse[] = [];
  let response = await provider.complete(request, callOptions);
  calls.push(response);
  let parsed = check(agent, response);
  while (!parsed.ok && calls.length <= maxRepairs) {
    callOptions.signal?.throwIfAborted();
    response = await provider.complete(
      buildRepairRequest(request, response.text, parsed.problems),
      callOptions,
    );
    calls.push(response);
    parsed = check(agent, response);
  }
  if (!parsed.ok) throw new AgentOutputError(agent.id, parsed.problems, calls);
  const base = { body: parsed.body, format: agent.output.kind, calls, repairs: calls.length - 1 };
  return agent.output.kind === 'json' ? { ...base, value: parsed.value } : base;
};
