import {
  type LlmCallOptions,
  type LlmProvider,
  type LlmRequest,
  type LlmResponse,
} from '@agentbus/llm';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Makes the offline provider take as long as a model would, so demos, e2e tests and load runs
 * exercise the same overlap, progress acks and crash windows as a real deployment.
 */
export function withSimulatedLatency(provider: LlmProvider, latencyMs: number): LlmProvider {
  if (latencyMs <= 0) return provider;
  return {
    name: provider.name,
    model: provider.model,
    async complete(request: LlmRequest, options?: LlmCallOptions): Promise<LlmResponse> {
      await sleep(latencyMs, undefined, options?.signal ? { signal: options.signal } : {});
      return provider.complete(request, options);
    },
  };
}
