import { PIPELINE, GATES, PIPELINE_ORDER, pipelineStage, upstreamStages } from './pipeline';
import { AGENT_IDS, STAGE_IDS } from './stages';

describe('PIPELINE', () => {
  it('has every stage of the contracts exactly once, each after all of its dependencies', () => {
    expect([...PIPELINE_ORDER].sort()).toEqual([...STAGE_IDS].sort());
    PIPELINE.forEach((stage, index) => {
      for (const dependency of stage.after) {
        expect(PIPELINE_ORDER.indexOf(dependency)).toBeLessThan(index);
      }
    });
  });

  it('gives every agent exactly one CPU stage and every CPU stage exactly one agent', () => {
    const agents = PIPELINE.flatMap((stage) => (stage.agent === null ? [] : [stage.agent]));
    expect([...agents].sort()).toEqual([...AGENT_IDS].sort());
    for (const stage of PIPELINE) expect(stage.agent !== null).toBe(stage.target === 'cpu');
  });

  it.each(PIPELINE)('$id carries only artifacts of stages upstream of it', (stage) => {
    const upstream = upstreamStages(stage.id);
    for (const input of [...stage.inputs, ...stage.optionalInputs]) {
      expect(upstream).toContain(input);
    }
  });

  it('is frozen', () => {
    expect(Object.isFrozen(PIPELINE)).toBe(true);
    expect(Object.isFrozen(pipelineStage('prd'))).toBe(true);
    expect(Object.isFrozen(GATES)).toBe(true);
  });

  it('fans out after development and joins at pm_review', () => {
    expect(upstreamStages('qa')).not.toContain('security');
    expect(upstreamStages('pm_review')).toEqual(
      expect.arrayContaining(['qa', 'security', 'documentation', 'support']),
    );
  });
});
