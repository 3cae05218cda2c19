/**
 * The items whose costs fit `budgetTokens` together, in the given order (most important first):
 * whole items only; one too costly for what is left is skipped, and a cheaper one after it may
 * still fit. The loop behind `fitSkills` and `fitMemory`.
 */
export const fitToBudget = <T>(
  items: readonly T[],
  budgetTokens: number,
  costOf: (item: T) => number,
): { kept: T[]; skipped: T[] } => {
  const kept: T[] = [];
  const skipped: T[] = [];
  let left = budgetTokens;
  for (const item of items) {
    const cost = costOf(item);
    if (cost <= left) {
      kept.push(item);
      left -= cost;
    } else skipped.push(item);
  }
  return { kept, skipped };
};
