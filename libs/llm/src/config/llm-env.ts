import { booleanFromEnv } from '@agentbus/config';
import { z } from 'zod';

import { PricingTable, PricingTableError } from '../pricing/pricing-table';

/** The providers {@link createProvider} can build. */
export const llmProviderNames = ['anthropic', 'openai', 'offline'] as const;

const pricingJson = z
  .string()
  .optional()
  .superRefine((json, ctx) => {
    if (json === undefined) return;
    try {
      PricingTable.fromJson(json);
    } catch (error) {
      if (!(error instanceof PricingTableError)) throw error;
      ctx.addIssue({ code: 'custom', message: error.message });
    }
  })
  .describe('{"<provider>":{"<model>"|"*":{"inputPer1M":n,"outputPer1M":n}}}, over the defaults');

/** The LLM variables; apps spread this into their `defineConfig` shape. */
export const llmEnv = {
  LLM_PROVIDER: z
    .enum(llmProviderNames)
    .optional()
    .describe('unset: anthropic if its key is set, else openai if its key is set, else offline'),
  LLM_MODEL: z.string().min(1).optional().describe("the provider's default model when unset"),
  ANTHROPIC_API_KEY: z.string().min(1).optional().describe('sensitive'),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  OPENAI_API_KEY: z.string().min(1).optional().describe('sensitive'),
  OPENAI_BASE_URL: z
    .string()
    .url()
    .optional()
    .describe('any chat-completions server: Azure OpenAI v1, Ollama, vLLM, LM Studio'),
  OPENAI_JSON_MODE: booleanFromEnv(true),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(120_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  LLM_PRICING_JSON: pricingJson,
} as const;

/** The parsed LLM variables. */
export type LlmConfig = z.infer<z.ZodObject<typeof llmEnv>>;
