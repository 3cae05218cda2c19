import { type LlmUsage, PermanentError, type TaskError } from '@agentbus/contracts';
import { type LlmResponse } from '@agentbus/llm';

/** Totals of an attempt's calls, as the task result reports them. */
export function usageOf(calls: readonly { response: LlmResponse; costUsd: number }[]): LlmUsage {
  const first = calls[0]?.response;
  return {
    provider: first?.provider ?? 'none',
    model: first?.model ?? 'none',
    inputTokens: calls.reduce((sum, call) => sum + call.response.usage.inputTokens, 0),
    outputTokens: calls.reduce((sum, call) => sum + call.response.usage.outputTokens, 0),
    costUsd: calls.reduce((sum, call) => sum + call.costUsd, 0),
    calls: calls.length,
  };
}

/** How a failed run is reported to the orchestrator: permanent failures are not worth a retry. */
export function taskErrorOf(error: unknown): TaskError {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return {
    code:
      name
        .replace(/Error$/, '')
        .replace(/([a-z])([A-Z])/g, '$1_$2')
        .toLowerCase() || 'error',
    message: message.slice(0, 4_000),
    retryable: !(error instanceof PermanentError),
  };
}
