import { type LlmResponse } from '@agentbus/llm';
import { Counter, type Registry } from 'prom-client';

/** DESIGN §13's agent and LLM metrics, counted where the calls are paid for. */
export class WorkerMetrics {
  private readonly invocations: Counter<'agent' | 'outcome'>;
  private readonly tokens: Counter<'agent' | 'provider' | 'model' | 'direction'>;
  private readonly cost: Counter<'agent' | 'provider' | 'model'>;

  constructor(registry: Registry) {
    this.invocations = new Counter({
      name: 'agent_bus_agent_invocations_total',
      help: 'Agent runs by agent and outcome',
      labelNames: ['agent', 'outcome'],
      registers: [registry],
    });
    this.tokens = new Counter({
      name: 'agent_bus_llm_tokens_total',
      // direction: input (uncached prompt), cache_read, cache_write, output; each priced apart.
      help: 'LLM tokens paid for, by agent, provider, model and direction (input, cache_read, cache_write, output)',
      labelNames: ['agent', 'provider', 'model', 'direction'],
      registers: [registry],
    });
    // `_total`: Prometheus names counters so (DESIGN §13 wrote agent_bus_llm_cost_dollars).
    this.cost = new Counter({
      name: 'agent_bus_llm_cost_dollars_total',
      help: 'Estimated LLM spend in US dollars from the pricing table, by agent, provider and model',
      labelNames: ['agent', 'provider', 'model'],
      registers: [registry],
    });
  }

  invoked(
    agent: string,
    outcome: 'succeeded' | 'failed' | 'retried' | 'cancelled' | 'stale',
  ): void {
    this.invocations.inc({ agent, outcome });
  }

  /**
   * Counts one paid model call of `agent`: its tokens each way and its estimated cost. Cache
   * directions are counted only when the provider reported them, so a model without prompt
   * caching adds no series.
   */
  paid(agent: string, call: { response: LlmResponse; costUsd: number }): void {
    const { provider, model, usage } = call.response;
    const count = (direction: string, tokens: number) =>
      this.tokens.inc({ agent, provider, model, direction }, tokens);
    count('input', usage.inputTokens);
    count('output', usage.outputTokens);
    if (usage.cacheReadTokens !== undefined) count('cache_read', usage.cacheReadTokens);
    if (usage.cacheWriteTokens !== undefined) count('cache_write', usage.cacheWriteTokens);
    this.cost.inc({ agent, provider, model }, call.costUsd);
  }
}
