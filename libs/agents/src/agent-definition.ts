import type { AgentId, StageId } from '@agentbus/contracts';
import type { z } from 'zod';

/** What an agent must answer: one JSON object matching a schema, or markdown with given sections. */
export type AgentOutputSpec =
  | { readonly kind: 'json'; readonly schema: z.ZodType }
  | { readonly kind: 'markdown'; readonly sections: readonly string[] };

/** One pipeline agent as data (DESIGN §8): the worker runs it with {@link runAgent}. */
export interface AgentDefinition {
  readonly id: AgentId;
  readonly stage: StageId;
  /** Who the model is asked to be; the start of the system prompt after the truth guardrail. */
  readonly persona: string;
  /** The "focus on" checklist of the original prompts, in the order the model should weigh it. */
  readonly focus: readonly string[];
  /** Earlier artifacts the agent reads; a missing one is an orchestration bug. */
  readonly inputs: readonly StageId[];
  /** Earlier artifacts it reads when the run produced them (the GPU `ml_feasibility` stage). */
  readonly optionalInputs: readonly StageId[];
  /**
   * Inputs it needs whole (usually the nearest upstream); every other input enters its prompt as
   * the artifact's digest (headings and key lines, or a structured extraction of JSON).
   */
  readonly readsWhole: readonly StageId[];
  readonly output: AgentOutputSpec;
  /** Output token limit of each call. */
  readonly maxTokens: number;
  /** Tokens all input artifacts together may take in the prompt (estimated as chars / 4). */
  readonly inputBudgetTokens: number;
  /** Skill capabilities this agent can use; the skills-registry's allowlist has the final say. */
  readonly skillCapabilities: readonly string[];
}
