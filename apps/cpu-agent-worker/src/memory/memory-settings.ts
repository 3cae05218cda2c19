import { type CpuWorkerConfig } from '../config';

/** How the worker asks memory and how much of a prompt its patterns may take. */
export interface MemorySearchSettings {
  /** Memory slower than this counts as down: the task runs without memory. */
  readonly timeoutMs: number;
  /** Similar patterns asked per task (the project's template comes on top). */
  readonly topK: number;
  /** Tokens of user prompt the patterns may take together. */
  readonly budgetTokens: number;
}

/** Injection token of the {@link MemorySearchSettings}. */
export const MEMORY_SEARCH_SETTINGS = Symbol('MEMORY_SEARCH_SETTINGS');

export const memorySettingsOf = (config: CpuWorkerConfig): MemorySearchSettings => ({
  timeoutMs: config.WORKER_MEMORY_TIMEOUT_MS,
  topK: config.WORKER_MEMORY_TOP_K,
  budgetTokens: config.WORKER_MEMORY_BUDGET_TOKENS,
});
