import { type ChatCompletionChunk } from 'openai/resources/chat/completions';
import { type CompletionUsage } from 'openai/resources/completions';

import { estimateTokens } from '../core/estimate-tokens.util';
import { LlmUnavailableError } from '../llm.errors';
import { type LlmResponse, type LlmTokenUsage } from '../llm-provider';

/**
 * Folds streamed chat-completion chunks into one response. Usage comes from the last chunk (empty
 * `choices`) when the server honours `include_usage`; servers that ignore it (older Ollama, some
 * proxies) get an estimate marked `estimated`.
 */
export class OpenAiChunkReader {
  private text = '';
  private usage: LlmTokenUsage | undefined;
  private finishReason: string | undefined;
  private responseId: string | undefined;

  constructor(
    private readonly provider: string,
    private model: string,
    private readonly promptText: string,
  ) {}

  /** Output tokens so far: estimated from the text, since usage arrives only at the end. */
  get outputTokens(): number {
    return this.usage?.outputTokens ?? estimateTokens(this.text);
  }

  read(chunk: ChatCompletionChunk): void {
    this.responseId ??= chunk.id || undefined;
    this.model = chunk.model || this.model;
    const choice = chunk.choices[0];
    this.text += choice?.delta.content ?? '';
    this.finishReason = choice?.finish_reason ?? this.finishReason;
    if (chunk.usage) this.usage = usageOf(chunk.usage);
  }

  /** The finished response; a stream without a `finish_reason` was cut off. */
  finish(): LlmResponse {
    if (this.finishReason === undefined) {
      throw new LlmUnavailableError(`${this.provider} stream ended without a finish_reason`);
    }
    return responseOf({
      provider: this.provider,
      model: this.model,
      text: this.text,
      finishReason: this.finishReason,
      usage: this.usage ?? estimatedUsage(this.promptText, this.text),
      responseId: this.responseId,
    });
  }
}

/** Our usage from the API's; cached prompt tokens move from `inputTokens` to `cacheReadTokens`. */
export function usageOf(usage: CompletionUsage): LlmTokenUsage {
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  return {
    inputTokens: usage.prompt_tokens - cached,
    outputTokens: usage.completion_tokens,
    ...(cached > 0 ? { cacheReadTokens: cached } : {}),
  };
}

/** Token counts guessed from the text, for servers that report none. */
export function estimatedUsage(promptText: string, outputText: string): LlmTokenUsage {
  return {
    inputTokens: estimateTokens(promptText),
    outputTokens: estimateTokens(outputText),
    estimated: true,
  };
}

/** A response from the parts every chat completion has. */
export function responseOf(parts: {
  provider: string;
  model: string;
  text: string;
  finishReason: string;
  usage: LlmTokenUsage;
  responseId: string | undefined;
}): LlmResponse {
  return {
    text: parts.text,
    provider: parts.provider,
    model: parts.model,
    usage: parts.usage,
    stopReason: parts.finishReason,
    truncated: parts.finishReason === 'length',
    ...(parts.responseId === undefined ? {} : { responseId: parts.responseId }),
  };
}
