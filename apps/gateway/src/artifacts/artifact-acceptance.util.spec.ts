import { acceptanceOf } from './artifact-acceptance.util';

describe(acceptanceOf.name, () => {
  it.each([
    [1, 1, 'accepted'],
    [1, 3, 'superseded'],
    [2, 1, 'not-accepted'],
    [1, null, 'not-accepted'],
  ] as const)('version %i with version %s accepted is %s', (version, accepted, expected) => {
    expect(acceptanceOf(version, accepted)).toBe(expected);
  });
});
