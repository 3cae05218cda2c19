import Anthropic, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from '@anthropic-ai/sdk';
import { type MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';

import { anthropicSystemOf } from '../core/cache-layout';
import { unfenceJson } from '../core/output-instructions';
import { llmErrorFromSdk } from '../core/sdk-error';
import { withDeadline } from '../core/with-deadline';
import {
  type LlmCallOptions,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
} from '../llm-provider';
import { AnthropicStreamReader, usageOf } from './anthropic-stream-reader';

/** How to reach Anthropic's Messages API. */
export interface AnthropicProviderOptions {
  readonly apiKey: string;
  /** Defaults to Anthropic's API; set it for a proxy or a test server. */
  readonly baseURL?: string;
  readonly model: string;
  /** Deadline for one call, streaming included. */
  readonly timeoutMs: number;
  /** Stream the answer (the default) or wait for the whole message. */
  readonly stream?: boolean;
  /** Extra headers on every request, e.g. `anthropic-beta`. */
  readonly headers?: Readonly<Record<string, string>>;
}

const sdkErrors = { APIError, APIUserAbortError, APIConnectionError, APIConnectionTimeoutError };

/**
 * Claude through the official SDK's Messages API, streamed so long answers keep the caller's
 * progress callback alive. Retries are {@link resilient}'s job, so the SDK's own are off.
 */
export class AnthropicProvider implements LlmProvider {
  readonly name = 'anthropic';
  readonly model: string;
  private readonly client: Anthropic;

  constructor(private readonly options: AnthropicProviderOptions) {
    this.model = options.model;
    this.client = new Anthropic({
      apiKey: options.apiKey,
      // Explicit, so the SDK never falls back to ANTHROPIC_BASE_URL behind the config's back.
      baseURL: options.baseURL ?? 'https://api.anthropic.com',
      timeout: options.timeoutMs,
      maxRetries: 0,
      ...(options.headers === undefined ? {} : { defaultHeaders: options.headers }),
    });
  }

  /** Sends one request; see {@link LlmProvider.complete}. */
  async complete(request: LlmRequest, options?: LlmCallOptions): Promise<LlmResponse> {
    const response = await withDeadline(this.options.timeoutMs, options?.signal, async (signal) => {
      try {
        return this.options.stream === false
          ? await this.completeWhole(this.paramsFor(request), signal)
          : await this.completeStreamed(this.paramsFor(request), signal, options?.onProgress);
      } catch (error) {
        throw llmErrorFromSdk(this.name, error, sdkErrors);
      }
    });
    return request.expected.kind === 'json'
      ? { ...response, text: unfenceJson(response.text) }
      : response;
  }

  // The current Messages API has no `temperature`, so the request's is not sent. A request laid
  // out for caching sends its system prompt as blocks with `cache_control` breakpoints.
  private paramsFor(request: LlmRequest): MessageCreateParamsBase {
    return {
      model: request.model ?? this.model,
      max_tokens: request.maxTokens,
      system: anthropicSystemOf(request),
      messages: request.messages.map(({ role, content }) => ({ role, content })),
    };
  }

  private async completeStreamed(
    params: MessageCreateParamsBase,
    signal: AbortSignal,
    onProgress: ((outputTokens: number) => void) | undefined,
  ): Promise<LlmResponse> {
    const stream = await this.client.messages.create({ ...params, stream: true }, { signal });
    const reader = new AnthropicStreamReader(params.model);
    let reported = 0;
    for await (const event of stream) {
      reader.read(event);
      if (onProgress && reader.outputTokens > reported) {
        reported = reader.outputTokens;
        onProgress(reported);
      }
    }
    return reader.finish();
  }

  private async completeWhole(
    params: MessageCreateParamsBase,
    signal: AbortSignal,
  ): Promise<LlmResponse> {
    const message = await this.client.messages.create({ ...params, stream: false }, { signal });
    const stopReason = message.stop_reason ?? 'end_turn';
    return {
      text: message.content
        .flatMap((block) => (block.type === 'text' ? [block.text] : []))
        .join(''),
      provider: this.name,
      model: message.model,
      usage: usageOf(message.usage),
      stopReason,
      truncated: stopReason === 'max_tokens',
      responseId: message.id,
    };
  }
}
