import { type LlmResponse } from '@agentbus/llm';
import { Registry } from 'prom-client';
import { WorkerMetrics } from './worker-metrics';

const aResponse = (inputTokens: number, outputTokens: number): LlmResponse => ({
  text: '{}',
  provider: 'anthropic',
  model: 'claude-x',
  usage: { inputTokens, outputTokens },
  stopReason: 'end_turn',
});

describe(WorkerMetrics.name, () => {
  const valueOf = async (registry: Registry, name: string, labels: Record<string, string>) => {
    const metric = await registry.getSingleMetric(name)?.get();
    return metric?.values.find((value) =>
      Object.entries(labels).every(([key, label]) => value.labels[key] === label),
    )?.value;
  };

  it('counts tokens each way and the estimated cost by agent, provider and model', async () => {
    const registry = new Registry();
    const sut = new WorkerMetrics(registry);
    sut.paid('architect', { response: aResponse(1_000, 200), costUsd: 0.012 });
    sut.paid('architect', { response: aResponse(500, 100), costUsd: 0.006 });
    sut.paid('qa', { response: aResponse(10, 5), costUsd: 0.001 });

    const architect = { agent: 'architect', provider: 'anthropic', model: 'claude-x' };
    const tokens = 'agent_bus_llm_tokens_total';
    expect(await valueOf(registry, tokens, { ...architect, direction: 'input' })).toBe(1_500);
    expect(await valueOf(registry, tokens, { ...architect, direction: 'output' })).toBe(300);
    const cost = 'agent_bus_llm_cost_dollars_total';
    expect(await valueOf(registry, cost, architect)).toBeCloseTo(0.018);
    expect(await valueOf(registry, cost, { agent: 'qa' })).toBeCloseTo(0.001);
  });

  it('counts prompt-cache reads and writes apart, only for calls that report them', async () => {
    const registry = new Registry();
    const sut = new WorkerMetrics(registry);
    const cached: LlmResponse = {
      ...aResponse(100, 50),
      usage: { inputTokens: 100, outputTokens: 50, cacheReadTokens: 4_000, cacheWriteTokens: 900 },
    };
    sut.paid('qa', { response: cached, costUsd: 0.002 });
    sut.paid('qa', { response: aResponse(300, 20), costUsd: 0.001 });

    const qa = { agent: 'qa', provider: 'anthropic', model: 'claude-x' };
    const tokens = 'agent_bus_llm_tokens_total';
    expect(await valueOf(registry, tokens, { ...qa, direction: 'input' })).toBe(400);
    expect(await valueOf(registry, tokens, { ...qa, direction: 'cache_read' })).toBe(4_000);
    expect(await valueOf(registry, tokens, { ...qa, direction: 'cache_write' })).toBe(900);
    expect(await valueOf(registry, tokens, { ...qa, direction: 'output' })).toBe(70);
    const other = new Registry();
    new WorkerMetrics(other).paid('qa', { response: aResponse(1, 1), costUsd: 0 });
    expect(await other.metrics()).not.toContain('direction="cache_');
  });

  it('counts invocations by agent and outcome, and names every counter *_total', async () => {
    const registry = new Registry();
    const sut = new WorkerMetrics(registry);
    sut.invoked('prd', 'succeeded');
    sut.invoked('prd', 'stale');
    sut.invoked('prd', 'succeeded');
    const invocations = 'agent_bus_agent_invocations_total';
    expect(await valueOf(registry, invocations, { agent: 'prd', outcome: 'succeeded' })).toBe(2);
    expect(await valueOf(registry, invocations, { agent: 'prd', outcome: 'stale' })).toBe(1);
    const text = await registry.metrics();
    const counters = [...text.matchAll(/^# TYPE (\S+) counter$/gm)].map(([, name]) => name);
    expect(counters).toHaveLength(3);
    expect(counters.every((name) => name?.endsWith('_total'))).toBe(true);
  });
});
