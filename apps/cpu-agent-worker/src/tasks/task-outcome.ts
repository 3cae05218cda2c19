import { type LlmUsage, PermanentError, RetryableError, type TaskError } from '@agentbus/contracts';
import { type LlmResponse } from '@agentbus/llm';
import { isTransientDatabaseError } from '@agentbus/persistence';

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

/**
 * Failures worth another delivery of the same attempt: a rate limit or a provider outage, and a
 * lost or refused database connection (Postgres restarting). Retrying them here keeps the attempt
 * and its recorded calls; reporting them would make the orchestrator start a new attempt. An output
 * the model got wrong is not retried this way: the agent already repaired what it could.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof Error && error.name === 'AgentOutputError') return false;
  return error instanceof RetryableError || isTransientDatabaseError(error);
}
