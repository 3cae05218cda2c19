import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
} from 'openai';
import {
  type ChatCompletionCreateParamsBase,
  type ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';

import { promptCacheKeyOf } from '../core/cache-layout';
import { systemPromptFor, unfenceJson } from '../core/output-instructions';
import { llmErrorFromSdk } from '../core/sdk-error';
import { withDeadline } from '../core/with-deadline';
import {
  type LlmCallOptions,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
} from '../llm-provider';
import { estimatedUsage, OpenAiChunkReader, responseOf, usageOf } from './openai-chunk-reader';

/** How to reach a chat-completions server: OpenAI, Azure OpenAI (v1 API), Ollama, vLLM, LM Studio. */
export interface OpenAiCompatibleProviderOptions {
  /** Omit for servers that need none (a local Ollama); no `Authorization` header is sent then. */
  readonly apiKey?: string;
  /** E.g. `https://api.openai.com/v1`, `http://localhost:11434/v1`. */
  readonly baseURL: string;
  readonly model: string;
  /** Deadline for one call, streaming included. */
  readonly timeoutMs: number;
  /** Send `response_format: {type: 'json_object'}` when JSON is expected; some servers reject it. */
  readonly jsonMode?: boolean;
  /** Stream the answer (the default) or wait for the whole completion. */
  readonly stream?: boolean;
  /** OpenAI's reasoning models want `max_completion_tokens`; most other servers know only `max_tokens`. */
  readonly maxTokensField?: 'max_tokens' | 'max_completion_tokens';
  /**
   * Send `prompt_cache_key` for requests laid out for caching (default true): OpenAI then routes
   * calls sharing a prefix to one cache. Turn off for a server that rejects unknown fields.
   */
  readonly promptCacheKey?: boolean;
  /** The name usage and prices are recorded under; `openai` unless set. */
  readonly name?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

const sdkErrors = { APIError, APIUserAbortError, APIConnectionError, APIConnectionTimeoutError };

/**
 * Any chat-completions server through the official `openai` SDK, streamed with
 * `stream_options.include_usage` so the last chunk carries token counts. Retries are
 * {@link resilient}'s job, so the SDK's own are off.
 */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly name: string;
  readonly model: string;
  private readonly client: OpenAI;

  constructor(private readonly options: OpenAiCompatibleProviderOptions) {
    this.name = options.name ?? 'openai';
    this.model = options.model;
    this.client = new OpenAI({
      // The SDK insists on a key; a placeholder plus a null header sends none to keyless servers.
      apiKey: options.apiKey ?? 'none',
      baseURL: options.baseURL,
      // Explicit nulls, so the SDK never picks up OPENAI_ORG_ID / OPENAI_PROJECT_ID on its own.
      organization: null,
      project: null,
      timeout: options.timeoutMs,
      maxRetries: 0,
      defaultHeaders: {
        ...options.headers,
        ...(options.apiKey === undefined ? { Authorization: null } : {}),
      },
    });
  }

  /** Sends one request; see {@link LlmProvider.complete}. */
  async complete(request: LlmRequest, options?: LlmCallOptions): Promise<LlmResponse> {
    const response = await withDeadline(this.options.timeoutMs, options?.signal, async (signal) => {
      try {
        return this.options.stream === false
          ? await this.completeWhole(request, signal)
          : await this.completeStreamed(request, signal, options?.onProgress);
      } catch (error) {
        throw llmErrorFromSdk(this.name, error, sdkErrors);
      }
    });
    return request.expected.kind === 'json'
      ? { ...response, text: unfenceJson(response.text) }
      : response;
  }

  private paramsFor(request: LlmRequest): ChatCompletionCreateParamsBase {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'system', content: systemPromptFor(request) },
      ...request.messages.map(({ role, content }) => ({ role, content })),
    ];
    const json = request.expected.kind === 'json' && this.options.jsonMode === true;
    const cacheKey = this.options.promptCacheKey === false ? undefined : promptCacheKeyOf(request);
    return {
      model: request.model ?? this.model,
      messages,
      [this.options.maxTokensField ?? 'max_tokens']: request.maxTokens,
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(json ? { response_format: { type: 'json_object' } } : {}),
      ...(cacheKey === undefined ? {} : { prompt_cache_key: cacheKey }),
    };
  }

  private async completeStreamed(
    request: LlmRequest,
    signal: AbortSignal,
    onProgress: ((outputTokens: number) => void) | undefined,
  ): Promise<LlmResponse> {
    const params = this.paramsFor(request);
    const stream = await this.client.chat.completions.create(
      { ...params, stream: true, stream_options: { include_usage: true } },
      { signal },
    );
    const reader = new OpenAiChunkReader(this.name, params.model, promptTextOf(params));
    let reported = 0;
    for await (const chunk of stream) {
      reader.read(chunk);
      if (onProgress && reader.outputTokens > reported) {
        reported = reader.outputTokens;
        onProgress(reported);
      }
    }
    return reader.finish();
  }

  private async completeWhole(request: LlmRequest, signal: AbortSignal): Promise<LlmResponse> {
    const params = this.paramsFor(request);
    const completion = await this.client.chat.completions.create(
      { ...params, stream: false },
      { signal },
    );
    const choice = completion.choices[0];
    const text = choice?.message.content ?? '';
    return responseOf({
      provider: this.name,
      model: completion.model || params.model,
      text,
      finishReason: choice?.finish_reason ?? 'stop',
      usage: completion.usage
        ? usageOf(completion.usage)
        : estimatedUsage(promptTextOf(params), text),
      responseId: completion.id || undefined,
    });
  }
}

function promptTextOf(params: ChatCompletionCreateParamsBase): string {
  return params.messages
    .map((message) => (typeof message.content === 'string' ? message.content : ''))
    .join('\n');
}
