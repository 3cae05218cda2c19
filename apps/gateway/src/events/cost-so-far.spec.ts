import { type CallUsage, carriesCost, costSoFar } from './cost-so-far';
import { type ProjectEventRow } from './project-event';

const T0 = new Date('2026-12-01T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1_000);

const anEvent = (type: string, data: object, seconds: number): ProjectEventRow => ({
  seq: '42',
  id: 'e',
  project_id: 'p',
  type: `agentbus.workflow.v1.${type}`,
  data,
  created_at: at(seconds),
});

const aCall = (stage: string, attempt: number, seconds: number, cost: number): CallUsage => ({
  stage,
  attempt,
  input_tokens: 100,
  cache_read_tokens: 1_000,
  cache_write_tokens: 0,
  output_tokens: 10,
  cost_usd: cost,
  created_at: at(seconds),
});

describe(costSoFar.name, () => {
  const calls = [
    aCall('prd', 1, 1, 0.001),
    aCall('prd', 2, 5, 0.002),
    aCall('plan', 1, 20, 0.004),
    aCall('qa', 1, 8, 0.0005),
  ];

  it("sums the stage's attempts up to the completed one and every call made by then", () => {
    const cost = costSoFar(anEvent('stage.completed', { stage: 'prd', attempt: 2 }, 10), calls);
    expect(cost).toMatchObject({ afterSeq: 42, projectId: 'p', stage: 'prd', attempt: 2 });
    expect(cost.stageUsage).toMatchObject({ inputTokens: 200, cachedTokens: 2_000, llmCalls: 2 });
    expect(cost.stageUsage?.costUsd).toBe(0.003);
    // qa ran in parallel and finished first: it is spent; plan came later: it is not.
    expect(cost.total).toMatchObject({ llmCalls: 3, costUsd: 0.0035, totalTokens: 3_330 });
  });

  it("counts the completing stage's calls even if they look later than the event (clock skew)", () => {
    const cost = costSoFar(anEvent('stage.completed', { stage: 'plan', attempt: 1 }, 15), calls);
    expect(cost.stageUsage?.costUsd).toBe(0.004);
    expect(cost.total.costUsd).toBe(0.0075);
  });

  it('has no stage part after the end, only the total', () => {
    const cost = costSoFar(anEvent('project.completed', {}, 60), calls);
    expect(cost).toMatchObject({ stage: null, attempt: null, stageUsage: null });
    expect(cost.total.costUsd).toBe(0.0075);
  });
});

describe(carriesCost.name, () => {
  it.each([
    ['stage.completed', true],
    ['project.completed', true],
    ['project.failed', true],
    ['project.cancelled', true],
    ['stage.dispatched', false],
    ['approval.requested', false],
  ])('%s: %p', (type, expected) => {
    expect(carriesCost(anEvent(type, {}, 0))).toBe(expected);
  });
});
