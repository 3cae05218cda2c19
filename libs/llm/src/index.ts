export type {
  LlmCallOptions,
  LlmExpectedOutput,
  LlmMessage,
  LlmProvider,
  LlmRequest,
  LlmResponse,
  LlmSystemPart,
  LlmTokenUsage,
} from './llm-provider';
export {
  CircuitOpenError,
  LlmAbortedError,
  LlmAuthError,
  LlmRateLimitedError,
  LlmRequestError,
  LlmTimeoutError,
  LlmUnavailableError,
} from './llm.errors';
export { AnthropicProvider, type AnthropicProviderOptions } from './anthropic/anthropic-provider';
export {
  OpenAiCompatibleProvider,
  type OpenAiCompatibleProviderOptions,
} from './openai/openai-compatible-provider';
export { OfflineProvider, type OfflineProviderOptions } from './offline/offline-provider';
export { generateFromJsonSchema } from './offline/generate-from-json-schema';
export { resilient, type ResilienceOptions, type ResilientProvider } from './resilience/resilient';
export {
  CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitPermit,
  type CircuitState,
} from './resilience/circuit-breaker';
export { PricingTable, PricingTableError } from './pricing/pricing-table';
export { priceListSchema, type ModelPrice, type PriceList } from './pricing/price-list';
export { defaultPrices } from './pricing/default-prices';
export { llmEnv, llmProviderNames, type LlmConfig } from './config/llm-env';
export {
  createProvider,
  defaultModels,
  type CreatedProvider,
  type CreateProviderOptions,
} from './config/create-provider';
