import { estimateTokens } from './estimate-tokens.util';
import { fitToBudget } from './fit-to-budget.util';
import type { SkillPrompt } from './prompt-context';

/** Tokens of system prompt an agent's skills may take together. */
export const SKILLS_BUDGET_TOKENS = 2_000;

/**
 * The skills that fit `budgetTokens`, in the registry's order (most important first): whole
 * prompts only, since a cut skill could drop the instruction that matters; a skill too large is
 * skipped and a smaller one after it may still fit.
 */
export const fitSkills = <S extends SkillPrompt>(
  skills: readonly S[],
  budgetTokens = SKILLS_BUDGET_TOKENS,
): { kept: S[]; skipped: S[] } =>
  // + 10: the skill's heading and separators.
  fitToBudget(skills, budgetTokens, (skill) => estimateTokens(skill.prompt.trim()) + 10);
