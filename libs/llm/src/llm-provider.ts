/** One message of a conversation sent to a model. */
export interface LlmMessage {
  readonly role: 'user' | 'assistant';
  readonly content: string;
}

/**
 * What the caller expects back. Real providers use it to ask for JSON; the offline provider uses it
 * to fill the answer deterministically (a JSON Schema for structured stages, required sections for
 * markdown ones).
 */
export type LlmExpectedOutput =
  | { readonly kind: 'json'; readonly jsonSchema: Readonly<Record<string, unknown>> }
  | { readonly kind: 'markdown'; readonly sections: readonly string[] }
  | { readonly kind: 'text' };

/** One part of a system prompt laid out for prompt caching. */
export interface LlmSystemPart {
  readonly text: string;
  /** The prompt up to the end of this part is stable and worth caching (a cache breakpoint). */
  readonly cache?: boolean;
}

/** A completion request: one system prompt and a short conversation. */
export interface LlmRequest {
  readonly system: string;
  /**
   * `system` in parts, the most widely shared first, when the caller laid it out for caching; then
   * `system` must be their texts joined by a blank line. Anthropic sends one block per part with
   * `cache_control` on the marked ones; OpenAI-compatible servers cache prompt prefixes on their
   * own and get the first marked prefix's hash as `prompt_cache_key`, so calls sharing it (the
   * parallel reviews) land on the same cache.
   */
  readonly systemParts?: readonly LlmSystemPart[];
  readonly messages: readonly LlmMessage[];
  readonly maxTokens: number;
  readonly temperature?: number;
  /** Overrides the provider's configured model. */
  readonly model?: string;
  readonly expected: LlmExpectedOutput;
  /**
   * True when `system` already states the output contract (the agents write their own, with the
   * schema): providers then add nothing, so the schema is not sent twice.
   */
  readonly outputInstructed?: boolean;
  /** Source text for deterministic offline answers (the requirements); ignored by real providers. */
  readonly seedText?: string;
}

/**
 * Tokens a call used, as the provider reported them. `inputTokens` excludes cache reads and writes,
 * which are counted apart (Anthropic reports them so; OpenAI's `prompt_tokens` is split to match).
 */
export interface LlmTokenUsage {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens?: number;
  readonly cacheWriteTokens?: number;
  /** True when the counts are estimates (chars / 4) because the server reported none. */
  readonly estimated?: boolean;
}

/** A finished completion. */
export interface LlmResponse {
  readonly text: string;
  readonly provider: string;
  readonly model: string;
  readonly usage: LlmTokenUsage;
  readonly stopReason: string;
  /** True when the model stopped because it reached `maxTokens` (the text may be cut off). */
  readonly truncated?: boolean;
  /** The provider's id for the response, when it gives one. */
  readonly responseId?: string;
}

/** Per-call options. */
export interface LlmCallOptions {
  readonly signal?: AbortSignal;
  /** Called as output streams in (tokens so far); workers use it to keep their message alive. */
  readonly onProgress?: (outputTokens: number) => void;
}

/** A model behind one interface: Anthropic, OpenAI-compatible, or offline. */
export interface LlmProvider {
  readonly name: string;
  readonly model: string;
  complete(request: LlmRequest, options?: LlmCallOptions): Promise<LlmResponse>;
}
