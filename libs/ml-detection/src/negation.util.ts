// Words that flip what follows within a clause: "no machine learning", "without a GPU", "rather
// than training a model", "we will not fine-tune".
const NEGATIONS =
  /\b(?:no|not|without|never|avoid|avoids|excluding|except|rather than|instead of|don't|doesn't|won't|isn't|aren't|non|nor|neither|out of scope|no need for|free of)\b/i;
const CLAUSE_BREAK = /[.;:!?\n]|\bbut\b|\bhowever\b|\bthough\b/gi;

/**
 * Whether the phrase at `index` is negated: a negation word among the `window` words before it,
 * in the same clause (a full stop, semicolon, "but" or "however" ends a negation's reach).
 */
export function isNegated(text: string, index: number, window: number): boolean {
  const before = text.slice(Math.max(0, index - 200), index);
  const clauses = before.split(CLAUSE_BREAK);
  const clause = clauses[clauses.length - 1] ?? '';
  const words = clause.trim().split(/\s+/).slice(-window).join(' ');
  return NEGATIONS.test(words);
}
