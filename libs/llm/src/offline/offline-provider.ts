import { estimateTokens } from '../core/estimate-tokens.util';
import { LlmAbortedError } from '../llm.errors';
import {
  type LlmCallOptions,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
} from '../llm-provider';
import { generateFromJsonSchema } from './generate-from-json-schema';
import { type JsonSchema } from './json-schema';
import { sizeJsonToBytes, padTextToBytes } from './size-to-bytes';
import { offlineMarkdown, offlineText } from './offline-text';
import { SeedPhrases } from './seed-phrases';
import { hashSeed, SeededRandom } from './seeded-random';

/** Options of the {@link OfflineProvider}. */
export interface OfflineProviderOptions {
  readonly model?: string;
  /**
   * Grow each answer to about this many bytes (benchmarks: orchestration measured apart from
   * artifact size) while it still fits the expected schema or sections; unset, answers keep
   * their natural size.
   */
  readonly artifactBytes?: number;
}

/**
 * Answers without a network, deterministically for the same request: JSON that validates against
 * the expected schema, markdown with the expected sections, all filled from the requirements
 * (`seedText`, else the user messages) and labelled as generated offline. The default when no key
 * is configured, so the whole pipeline runs on a laptop and in CI.
 */
export class OfflineProvider implements LlmProvider {
  readonly name = 'offline';
  readonly model: string;
  private readonly artifactBytes: number | undefined;

  constructor(options: OfflineProviderOptions = {}) {
    this.model = options.model ?? 'offline-1';
    this.artifactBytes = options.artifactBytes;
  }

  /** Builds the answer at once; see {@link LlmProvider.complete}. */
  complete(request: LlmRequest, options?: LlmCallOptions): Promise<LlmResponse> {
    if (options?.signal?.aborted) {
      return Promise.reject(
        new LlmAbortedError('the caller aborted the call', { cause: options.signal.reason }),
      );
    }
    const prompt = [request.system, ...request.messages.map((m) => m.content)].join('\n');
    const seedText =
      request.seedText ??
      request.messages
        .filter((m) => m.role === 'user')
        .map((m) => m.content)
        .join('\n');
    const seed = hashSeed(JSON.stringify([prompt, seedText, request.expected]));
    const text = this.answer(request, seedText, seed);
    const outputTokens = estimateTokens(text);
    options?.onProgress?.(outputTokens);
    return Promise.resolve({
      text,
      provider: this.name,
      model: request.model ?? this.model,
      usage: { inputTokens: estimateTokens(prompt), outputTokens, estimated: true },
      stopReason: 'end_turn',
      truncated: false,
      responseId: `offline-${seed.toString(16).padStart(8, '0')}`,
    });
  }

  private answer(request: LlmRequest, seedText: string, seed: number): string {
    const expected = request.expected;
    const target = this.artifactBytes;
    // A second stream of phrases for padding, so the unpadded part stays the default answer.
    const padding = () => new SeedPhrases(seedText, new SeededRandom(seed ^ 0x5bd1e995));
    switch (expected.kind) {
      case 'json': {
        const value = generateFromJsonSchema(expected.jsonSchema, seedText, seed);
        const sized =
          target === undefined
            ? value
            : sizeJsonToBytes(value, expected.jsonSchema as JsonSchema, target, padding());
        return JSON.stringify(sized, null, 2);
      }
      case 'markdown':
        return this.sized(
          offlineMarkdown(expected.sections, new SeedPhrases(seedText, new SeededRandom(seed))),
          padding,
        );
      case 'text':
        return this.sized(offlineText(new SeedPhrases(seedText, new SeededRandom(seed))), padding);
    }
  }

  private sized(text: string, padding: () => SeedPhrases): string {
    return this.artifactBytes === undefined
      ? text
      : padTextToBytes(text, this.artifactBytes, padding());
  }
}
