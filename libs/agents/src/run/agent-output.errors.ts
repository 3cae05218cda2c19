import { RetryableError, type AgentId } from '@agentbus/contracts';
import type { LlmResponse } from '@agentbus/llm';

/**
 * The model gave no valid answer after the repair round. Retryable, not permanent: sampling makes
 * the next attempt a different draw (and may reach a different provider once a breaker opens), and
 * the orchestrator's per-stage attempt limit bounds what it costs. `calls` carries every response so
 * the worker still records the tokens spent.
 */
export class AgentOutputError extends RetryableError {
  constructor(
    readonly agent: AgentId,
    readonly problems: readonly string[],
    readonly calls: readonly LlmResponse[],
  ) {
    super(
      `agent ${agent} gave no valid output after ${calls.length} call(s): ${problems.join('; ')}`,
    );
    this.name = 'AgentOutputError';
  }
}
