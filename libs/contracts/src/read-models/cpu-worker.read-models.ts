import { z } from 'zod';
import { DbNumber, DbTimestamp } from './orchestrator.read-models';
import { defineReadModel } from './read-model';

/** Every stored version of every stage's artifact, with its body. */
export const ArtifactsV1 = defineReadModel({
  owner: 'cpu-agent-worker',
  name: 'artifacts',
  version: 1,
  row: z.object({
    id: z.string(),
    project_id: z.string(),
    stage: z.string(),
    version: z.number().int(),
    attempt: z.number().int(),
    format: z.string(),
    body: z.string(),
    sha256: z.string(),
    size_bytes: z.number().int(),
    agent: z.string(),
    provider: z.string(),
    model: z.string(),
    created_at: DbTimestamp,
  }),
});
export type ArtifactsV1Row = z.infer<typeof ArtifactsV1.row>;

/** One LLM call's usage (tokens, cost, model), without the response. */
export const LlmUsageV1 = defineReadModel({
  owner: 'cpu-agent-worker',
  name: 'llm_usage',
  version: 1,
  row: z.object({
    project_id: z.string(),
    stage: z.string(),
    attempt: z.number().int(),
    step: z.number().int(),
    agent: z.string(),
    provider: z.string(),
    model: z.string(),
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    cost_usd: DbNumber,
    duration_ms: z.number().int(),
    created_at: DbTimestamp,
  }),
});
export type LlmUsageV1Row = z.infer<typeof LlmUsageV1.row>;

/**
 * `llm_usage_v1` plus the prompt-cache tokens. `input_tokens` excludes them (as providers report
 * it), so a call's whole prompt is input + cache read + cache write, and `cost_usd` already prices
 * each part at its own rate. v1 stays for its readers.
 */
export const LlmUsageV2 = defineReadModel({
  owner: 'cpu-agent-worker',
  name: 'llm_usage',
  version: 2,
  row: LlmUsageV1.row.extend({
    /** Prompt tokens read from the provider's cache (cheaper than input). */
    cache_read_tokens: z.number().int(),
    /** Prompt tokens written to the cache (Anthropic prices them above input). */
    cache_write_tokens: z.number().int(),
  }),
});
export type LlmUsageV2Row = z.infer<typeof LlmUsageV2.row>;

/** Every view the CPU worker publishes. */
export const CPU_WORKER_READ_MODELS = [ArtifactsV1, LlmUsageV1, LlmUsageV2] as const;
