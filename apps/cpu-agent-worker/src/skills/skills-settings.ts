import { type CpuWorkerConfig } from '../config';

/** How the worker asks for skills and how much of a prompt they may take. */
export interface SkillsSettings {
  /** Tokens of skill prompts one agent's prompt may carry. */
  readonly budgetTokens: number;
  /** A registry slower than this counts as down. */
  readonly resolveTimeoutMs: number;
  /** How long a resolution is reused without an event saying it changed (events can be missed). */
  readonly cacheTtlMs: number;
}

/** Injection token of the {@link SkillsSettings}. */
export const SKILLS_SETTINGS = Symbol('SKILLS_SETTINGS');

export const skillsSettingsOf = (config: CpuWorkerConfig): SkillsSettings => ({
  budgetTokens: config.WORKER_SKILLS_BUDGET_TOKENS,
  resolveTimeoutMs: config.WORKER_SKILLS_RESOLVE_TIMEOUT_MS,
  cacheTtlMs: config.WORKER_SKILLS_CACHE_TTL_MS,
});
