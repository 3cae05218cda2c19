import { stageMemory } from './stage-memory.util';

describe(stageMemory.name, () => {
  it('reads the pattern ids an artifact was written with', () => {
    expect(
      stageMemory({ version: 2, memory: { patternIds: ['template-rest-api', 'artifact-1'] } }),
    ).toEqual({
      patternIds: ['template-rest-api', 'artifact-1'],
      unavailable: false,
    });
  });

  it('says when memory did not answer', () => {
    expect(stageMemory({ version: 1, memory: { patternIds: [], unavailable: true } })).toEqual({
      patternIds: [],
      unavailable: true,
    });
  });

  it.each([
    ['no artifact yet', null],
    ['an artifact from before memory', { version: 1 }],
    ['a malformed record', { version: 1, memory: { patternIds: 'artifact-1' } }],
  ])('is null for %s', (_what, artifact) => {
    expect(stageMemory(artifact)).toBeNull();
  });
});
