import { GATES, PIPELINE, STAGE_IDS, type StageId } from '@agentbus/contracts';
import { downstreamOf, upstreamOf } from './decider/graph';
import { buildWorkflow, DEFAULT_WORKFLOW } from './workflow.dag';

describe('DEFAULT_WORKFLOW', () => {
  const ids = DEFAULT_WORKFLOW.stages.map((stage) => stage.id);

  it('has every stage of the contracts exactly once', () => {
    expect([...ids].sort()).toEqual([...STAGE_IDS].sort());
  });

  it('lists every stage after all of its dependencies', () => {
    DEFAULT_WORKFLOW.stages.forEach((stage, index) => {
      for (const dependency of stage.after) {
        expect(ids.indexOf(dependency)).toBeLessThan(index);
      }
    });
  });

  it.each([
    ['prd', 'prd'],
    ['feature_tree', 'feature_tree'],
    ['plan', 'plan'],
    ['architecture', 'architect'],
    ['uiux', 'uiux'],
    ['development', 'developer'],
    ['qa', 'qa'],
    ['security', 'security'],
    ['documentation', 'tech_writer'],
    ['support', 'support'],
    ['pm_review', 'product_manager'],
    ['delivery', 'delivery'],
  ])('runs %s with the %s agent on the CPU pool', (stage, agent) => {
    expect(DEFAULT_WORKFLOW.stages.find((spec) => spec.id === stage)).toMatchObject({
      agent,
      target: 'cpu',
      skipped: false,
    });
  });

  it('skips ml_feasibility (GPU routing comes later)', () => {
    expect(DEFAULT_WORKFLOW.stages.find((spec) => spec.id === 'ml_feasibility')).toMatchObject({
      target: 'gpu',
      skipped: true,
    });
  });

  it('fans out after development and joins at pm_review', () => {
    const parallel: StageId[] = ['qa', 'security', 'documentation', 'support'];
    for (const stage of parallel) expect(upstreamOf(DEFAULT_WORKFLOW, stage)).not.toContain('qa');
    expect(DEFAULT_WORKFLOW.stages.find((spec) => spec.id === 'pm_review')?.after).toEqual(
      parallel,
    );
    expect(downstreamOf(DEFAULT_WORKFLOW, 'architecture')).toEqual([
      'uiux',
      'ml_feasibility',
      'development',
      'qa',
      'security',
      'documentation',
      'support',
      'pm_review',
      'delivery',
    ]);
  });

  it('places prd_approval after prd and delivery_approval after pm_review', () => {
    expect(DEFAULT_WORKFLOW.gates).toEqual([
      { id: 'prd_approval', after: 'prd' },
      { id: 'delivery_approval', after: 'pm_review' },
    ]);
  });

  it("is the contracts' PIPELINE and GATES plus this app's retry policies", () => {
    expect(DEFAULT_WORKFLOW.stages.map(({ retry: _retry, ...stage }) => stage)).toEqual(PIPELINE);
    expect(DEFAULT_WORKFLOW.gates).toBe(GATES);
    expect(DEFAULT_WORKFLOW.stages.find((spec) => spec.id === 'architecture')?.retry).toMatchObject(
      { timeoutMs: 900_000, maxAttempts: 3 },
    );
  });

  it('applies config overrides to every stage', () => {
    const workflow = buildWorkflow({ retry: { timeoutMs: 2_000, baseDelayMs: 50 } });
    for (const stage of workflow.stages) {
      expect(stage.retry).toMatchObject({ timeoutMs: 2_000, baseDelayMs: 50, maxAttempts: 3 });
    }
  });
});
