import { type LlmResponse } from '@agentbus/llm';
import { Counter, type Registry } from 'prom-client';

/** DESIGN §13's agent and LLM metrics, counted where the calls are paid for. */
export class WorkerMetrics {
  private readonly invocations: Counter<'agent' | 'outcome'>;
  private readonly tokens: Counter<'provider' | 'model' | 'direction'>;
  private readonly cost: Counter<'provider' | 'model'>;

  constructor(registry: Registry) {
    this.invocations = new Counter({
      name: 'agent_bus_agent_invocations_total',
      help: 'Agent runs by agent and outcome',
      labelNames: ['agent', 'outcome'],
      registers: [registry],
    });
    this.tokens = new Counter({
      name: 'agent_bus_llm_tokens_total',
      help: 'LLM tokens paid for, by direction',
      labelNames: ['provider', 'model', 'direction'],
      registers: [registry],
    });
    this.cost = new Counter({
      name: 'agent_bus_llm_cost_dollars',
      help: 'Estimated LLM spend in US dollars',
      labelNames: ['provider', 'model'],
      registers: [registry],
    });
  }

  invoked(
    agent: string,
    outcome: 'succeeded' | 'failed' | 'retried' | 'cancelled' | 'stale',
  ): void {
    this.invocations.inc({ agent, outcome });
  }

  paid(call: { response: LlmResponse; costUsd: number }): void {
    const { provider, model, usage } = call.response;
    this.tokens.inc({ provider, model, direction: 'input' }, usage.inputTokens);
    this.tokens.inc({ provider, model, direction: 'output' }, usage.outputTokens);
    this.cost.inc({ provider, model }, call.costUsd);
  }
}
