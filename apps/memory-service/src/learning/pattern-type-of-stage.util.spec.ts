import { STAGE_IDS } from '@agentbus/contracts';
import { patternTypeOfStage } from './pattern-type-of-stage.util';

describe(patternTypeOfStage.name, () => {
  it('keeps the stages memory has a type for, and no other', () => {
    const kept = STAGE_IDS.filter((stage) => patternTypeOfStage(stage) !== undefined);
    expect(kept).toEqual([
      'prd',
      'feature_tree',
      'architecture',
      'uiux',
      'development',
      'qa',
      'security',
      'documentation',
    ]);
    expect(patternTypeOfStage('template')).toBeUndefined();
  });
});
