import { successScore } from './success-score.util';

describe(successScore.name, () => {
  it('starts neutral and moves with outcomes', () => {
    expect(successScore(0, 0)).toBe(0.5);
    expect(successScore(1, 0)).toBeCloseTo(2 / 3);
    expect(successScore(0, 1)).toBeCloseTo(1 / 3);
    expect(successScore(9, 1)).toBeGreaterThan(successScore(1, 0));
  });
});
