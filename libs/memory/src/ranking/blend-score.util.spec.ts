import { blendScore } from './blend-score.util';

describe(blendScore.name, () => {
  const weights = { similarity: 0.8, success: 0.2 };

  it.each([
    [0.9, 0.5, 0.82],
    [0.9, 1, 0.92],
    [0.9, 0, 0.72],
    [-0.2, 0.5, 0.1],
  ])('similarity %d, success %d -> %d', (similarity, success, expected) => {
    expect(blendScore(similarity, success, weights)).toBeCloseTo(expected);
  });

  it('ranks a successful pattern above an equally similar failed one', () => {
    expect(blendScore(0.7, 0.9, weights)).toBeGreaterThan(blendScore(0.7, 0.1, weights));
  });

  it('is the similarity alone when no weight is given', () => {
    expect(blendScore(0.42, 1, { similarity: 0, success: 0 })).toBe(0.42);
  });
});
