/** How a suggestion's rank weighs similarity against the pattern's track record. */
export interface RankWeights {
  readonly similarity: number;
  readonly success: number;
}

/**
 * The ranking score of a suggestion: a weighted mean of its similarity to the query and its success
 * score (both in [0, 1]), so a pattern that worked in finished projects beats an equally close one
 * that was reused in failed projects.
 */
export function blendScore(similarity: number, successScore: number, weights: RankWeights): number {
  const total = weights.similarity + weights.success;
  if (total <= 0) return similarity;
  const clamped = Math.min(1, Math.max(0, similarity));
  return (weights.similarity * clamped + weights.success * successScore) / total;
}
