import { type RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';

import { estimateTokens } from '../core/estimate-tokens.util';
import { LlmUnavailableError } from '../llm.errors';
import { type LlmResponse, type LlmTokenUsage } from '../llm-provider';

/**
 * Folds the Messages API's stream events into one response: text from text blocks only (thinking
 * stays out), input tokens from `message_start`, output tokens and the stop reason from the
 * cumulative `message_delta`.
 */
export class AnthropicStreamReader {
  private text = '';
  private readonly textBlocks = new Set<number>();
  private usage: LlmTokenUsage = { inputTokens: 0, outputTokens: 0 };
  private stopReason: string | undefined;
  private responseId: string | undefined;
  private model: string;
  private stopped = false;

  constructor(requestedModel: string) {
    this.model = requestedModel;
  }

  /** Output tokens so far: the server's count once it sent one, else an estimate from the text. */
  get outputTokens(): number {
    return Math.max(this.usage.outputTokens, estimateTokens(this.text));
  }

  read(event: RawMessageStreamEvent): void {
    switch (event.type) {
      case 'message_start':
        this.responseId = event.message.id;
        this.model = event.message.model;
        this.usage = usageOf(event.message.usage);
        return;
      case 'content_block_start':
        if (event.content_block.type === 'text') {
          this.textBlocks.add(event.index);
          this.text += event.content_block.text;
        }
        return;
      case 'content_block_delta':
        if (event.delta.type === 'text_delta' && this.textBlocks.has(event.index)) {
          this.text += event.delta.text;
        }
        return;
      case 'message_delta':
        this.stopReason = event.delta.stop_reason ?? this.stopReason;
        this.usage = {
          ...this.usage,
          ...usageOf({
            ...event.usage,
            input_tokens: event.usage.input_tokens ?? this.usage.inputTokens,
          }),
        };
        return;
      case 'message_stop':
        this.stopped = true;
        return;
      case 'content_block_stop':
        return;
    }
  }

  /** The finished response; a stream that ended before `message_stop` was cut off. */
  finish(): LlmResponse {
    if (!this.stopped) {
      throw new LlmUnavailableError('anthropic stream ended before message_stop');
    }
    const stopReason = this.stopReason ?? 'end_turn';
    return {
      text: this.text,
      provider: 'anthropic',
      model: this.model,
      usage: this.usage,
      stopReason,
      truncated: stopReason === 'max_tokens',
      ...(this.responseId === undefined ? {} : { responseId: this.responseId }),
    };
  }
}

interface AnthropicUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_read_input_tokens?: number | null;
  readonly cache_creation_input_tokens?: number | null;
}

/** Our usage from the API's; cache counts only when the API reported them. */
export function usageOf(usage: AnthropicUsage): LlmTokenUsage {
  const cacheRead = usage.cache_read_input_tokens ?? undefined;
  const cacheWrite = usage.cache_creation_input_tokens ?? undefined;
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    ...(cacheRead === undefined ? {} : { cacheReadTokens: cacheRead }),
    ...(cacheWrite === undefined ? {} : { cacheWriteTokens: cacheWrite }),
  };
}
