/**
 * A pattern's success score from the projects that reused it: (successes + 1) / (uses + 2), the
 * Laplace estimate, so an unused pattern starts at 0.5 and one outcome moves it only part way.
 */
export function successScore(successes: number, failures: number): number {
  return (successes + 1) / (successes + failures + 2);
}
