import { z } from 'zod';

/** A memory pattern's id (as `MemorySearchV1` hits carry it). */
export const MemoryPatternId = z.string().min(1).max(200);

/** A pointer to a stored artifact; bodies never travel on the bus (DESIGN §17). */
export const ArtifactRef = z.strictObject({
  id: z.uuid(),
  version: z.number().int().positive(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  format: z.enum(['json', 'markdown']),
  /** What memory gave the agent that wrote it; absent when the worker did not ask memory. */
  memory: z
    .strictObject({
      /** Ids of the memory patterns put in the prompt (`MemorySearchV1` hits), best first. */
      patternIds: z.array(MemoryPatternId).max(50),
      /** Memory did not answer in time: the artifact was written without it. */
      unavailable: z.boolean().optional(),
    })
    .optional(),
});
export type ArtifactRef = z.infer<typeof ArtifactRef>;

/** Why a task failed, and whether trying again can help. */
export const TaskError = z.strictObject({
  code: z.string().min(1).max(100),
  message: z.string().max(4_000),
  retryable: z.boolean(),
});
export type TaskError = z.infer<typeof TaskError>;

/** Token usage and cost of the LLM calls a task made. */
export const LlmUsage = z.strictObject({
  provider: z.string().min(1),
  model: z.string().min(1),
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  calls: z.number().int().nonnegative(),
});
export type LlmUsage = z.infer<typeof LlmUsage>;

/** Who did something: an API key's id or a service name. */
export const Actor = z.string().min(1).max(200);
