import { AnthropicProvider } from '../anthropic/anthropic-provider';
import { type LlmProvider } from '../llm-provider';
import { OfflineProvider } from '../offline/offline-provider';
import { OpenAiCompatibleProvider } from '../openai/openai-compatible-provider';
import { PricingTable } from '../pricing/pricing-table';
import { type CircuitBreakerOptions } from '../resilience/circuit-breaker';
import { resilient } from '../resilience/resilient';
import { type LlmConfig } from './llm-env';

// The newest Sonnet the installed SDK lists (it warns that claude-sonnet-4-5 retires 2026-11-30),
// and OpenAI's small GPT-5.
/** Models used when `LLM_MODEL` is unset. */
export const defaultModels = {
  anthropic: 'claude-sonnet-5-5',
  openai: 'gpt-5-mini',
  offline: 'offline-1',
} as const;

/** What {@link createProvider} built. */
export interface CreatedProvider {
  /** Ready to use: real providers come wrapped in {@link resilient}. */
  readonly provider: LlmProvider;
  /** Shipped prices with `LLM_PRICING_JSON` laid over them. */
  readonly pricing: PricingTable;
  /** Why the provider is not the one asked for (no key, so offline); log it at start. */
  readonly note?: string;
}

/** Tuning that is not in the environment. */
export interface CreateProviderOptions {
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly breaker?: CircuitBreakerOptions;
  /** Answer size of the offline provider (benchmarks); see `OfflineProviderOptions.artifactBytes`. */
  readonly offlineArtifactBytes?: number;
}

/**
 * Builds the provider the config asks for. A provider without its key falls back to `offline`
 * with a `note`, so a missing secret degrades to labelled drafts instead of failing every call.
 * An OpenAI-compatible server at `OPENAI_BASE_URL` (a local Ollama) needs no key.
 */
export function createProvider(
  config: LlmConfig,
  options: CreateProviderOptions = {},
): CreatedProvider {
  const pricing =
    config.LLM_PRICING_JSON === undefined
      ? new PricingTable()
      : PricingTable.fromJson(config.LLM_PRICING_JSON);
  const { choice, note } = chooseProvider(config);
  const offline = (): CreatedProvider => ({
    provider: new OfflineProvider({
      model: defaultModels.offline,
      ...(options.offlineArtifactBytes === undefined
        ? {}
        : { artifactBytes: options.offlineArtifactBytes }),
    }),
    pricing,
    ...(note === undefined ? {} : { note }),
  });
  if (choice === 'offline') return offline();
  const timeoutMs = config.LLM_TIMEOUT_MS;
  const model = config.LLM_MODEL ?? defaultModels[choice];
  const inner =
    choice === 'anthropic'
      ? new AnthropicProvider({
          apiKey: config.ANTHROPIC_API_KEY ?? '',
          model,
          timeoutMs,
          ...(config.ANTHROPIC_BASE_URL === undefined
            ? {}
            : { baseURL: config.ANTHROPIC_BASE_URL }),
        })
      : new OpenAiCompatibleProvider({
          baseURL: config.OPENAI_BASE_URL ?? 'https://api.openai.com/v1',
          model,
          timeoutMs,
          jsonMode: config.OPENAI_JSON_MODE,
          // OpenAI's reasoning models refuse max_tokens; other servers often know only max_tokens.
          maxTokensField:
            config.OPENAI_BASE_URL === undefined ? 'max_completion_tokens' : 'max_tokens',
          // prompt_cache_key is OpenAI's; a compatible server may refuse a field it does not know.
          promptCacheKey: config.OPENAI_BASE_URL === undefined,
          ...(config.OPENAI_API_KEY === undefined ? {} : { apiKey: config.OPENAI_API_KEY }),
        });
  const provider = resilient(inner, {
    timeoutMs,
    retries: config.LLM_MAX_RETRIES,
    baseDelayMs: options.baseDelayMs ?? 1_000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    breaker: options.breaker ?? { failureThreshold: 5, cooldownMs: 30_000 },
  });
  return { provider, pricing, ...(note === undefined ? {} : { note }) };
}

function chooseProvider(config: LlmConfig): {
  choice: keyof typeof defaultModels;
  note?: string;
} {
  const hasAnthropic = config.ANTHROPIC_API_KEY !== undefined;
  const hasOpenAi = config.OPENAI_API_KEY !== undefined || config.OPENAI_BASE_URL !== undefined;
  switch (config.LLM_PROVIDER) {
    case 'anthropic':
      return hasAnthropic
        ? { choice: 'anthropic' }
        : {
            choice: 'offline',
            note: 'LLM_PROVIDER=anthropic but ANTHROPIC_API_KEY is not set: using the offline provider',
          };
    case 'openai':
      return hasOpenAi
        ? { choice: 'openai' }
        : {
            choice: 'offline',
            note: 'LLM_PROVIDER=openai but neither OPENAI_API_KEY nor OPENAI_BASE_URL is set: using the offline provider',
          };
    case 'offline':
      return { choice: 'offline' };
    case undefined:
      if (hasAnthropic) return { choice: 'anthropic' };
      if (hasOpenAi) return { choice: 'openai' };
      return { choice: 'offline', note: 'no LLM key configured: using the offline provider' };
  }
}
