import { benchProjects } from './bench-projects';
import { measurePipeline } from './measure-pipeline';

// The bench on the demo: every prompt must carry every section of every input its agent declares
// as required. Ratios are printed by the bench, not asserted: they move with the offline answers.
describe(measurePipeline.name, () => {
  it('keeps every required input section in every prompt of the demo project', async () => {
    const demo = benchProjects().find((project) => project.id === 'demo');
    if (demo === undefined) throw new Error('the demo project is not in the bench');
    const stages = await measurePipeline(demo);
    expect(stages.map((stage) => stage.stage)).toHaveLength(12);
    expect(stages.flatMap((stage) => stage.missing)).toEqual([]);
    for (const stage of stages) expect(stage.built).toBeGreaterThan(0);
  });
});
