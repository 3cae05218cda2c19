import type { StageId } from '@agentbus/contracts';
import type { LlmCallOptions, LlmProvider, LlmRequest, LlmResponse } from '@agentbus/llm';
import { z } from 'zod';
import type { AgentDefinition } from '../agent-definition';
import type { InputArtifact, PromptContext } from '../prompt/prompt-context';
import { fillJsonSchema } from './fill-json-schema';

/** A prompt context with the given overrides; inputs default to none. */
export const aContext = (overrides: Partial<PromptContext> = {}): PromptContext => ({
  projectName: 'Shop',
  requirements: 'REQUIREMENTS: a web shop that sells tea.',
  inputs: new Map(),
  memory: [],
  skills: [],
  ...overrides,
});

/** A small input whose body names its stage, so a prompt can be searched for it. */
export const anInput = (
  stage: StageId,
  format: InputArtifact['format'] = 'markdown',
): InputArtifact => ({
  format,
  version: 1,
  body:
    format === 'json'
      ? JSON.stringify({ marker: `BODY-OF-${stage}` })
      : `# ${stage}\nBODY-OF-${stage}.`,
});

/** A valid answer for any agent: the filled schema, or every required section with a line of text. */
export const aValidAnswer = (agent: AgentDefinition): string =>
  agent.output.kind === 'json'
    ? JSON.stringify(fillJsonSchema(z.toJSONSchema(agent.output.schema)))
    : agent.output.sections.map((section) => `## ${section}\nSome content.`).join('\n\n');

/** A provider that answers from a script and keeps every request. */
export class ScriptedProvider implements LlmProvider {
  readonly name = 'scripted';
  readonly model = 'scripted-1';
  readonly requests: LlmRequest[] = [];
  readonly options: (LlmCallOptions | undefined)[] = [];

  constructor(private readonly answers: readonly (string | Partial<LlmResponse>)[]) {}

  complete(request: LlmRequest, options?: LlmCallOptions): Promise<LlmResponse> {
    const answer = this.answers[this.requests.length] ?? '';
    this.requests.push(request);
    this.options.push(options);
    const partial = typeof answer === 'string' ? { text: answer } : answer;
    return Promise.resolve({
      text: '',
      provider: this.name,
      model: this.model,
      usage: { inputTokens: 100, outputTokens: 50 },
      stopReason: 'end_turn',
      ...partial,
    });
  }
}
