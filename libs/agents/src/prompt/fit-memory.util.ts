import { cutToFit } from './cut-to-fit.util';
import { estimateTokens } from './estimate-tokens.util';
import { fitToBudget } from './fit-to-budget.util';
import type { MemoryPattern } from './prompt-context';
import { MEMORY_SNIPPET_CHARS } from './user-prompt';

/** Tokens of user prompt the memory patterns of one task may take together, unless configured. */
export const MEMORY_BUDGET_TOKENS = 800;

/** What one pattern costs in the prompt: its snippet as the memory block cuts it, and its tags. */
const costOf = (pattern: MemoryPattern): number =>
  estimateTokens(pattern.title + cutToFit(pattern.text.trim(), MEMORY_SNIPPET_CHARS)) + 10;

/**
 * The patterns that fit `budgetTokens`, best first. `pinned` (the project's template) is always
 * kept and charged first: the requester chose it. The rest are whole snippets in rank order; one
 * that does not fit is skipped and a smaller one after it may still fit.
 */
export const fitMemory = <P extends MemoryPattern>(
  ranked: readonly P[],
  budgetTokens = MEMORY_BUDGET_TOKENS,
  pinned?: P,
): P[] => {
  if (pinned === undefined) return fitToBudget(ranked, budgetTokens, costOf).kept;
  return [pinned, ...fitToBudget(ranked, budgetTokens - costOf(pinned), costOf).kept];
};
