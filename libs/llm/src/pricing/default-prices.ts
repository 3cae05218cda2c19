import { type PriceList } from './price-list';

// USD per million tokens from the vendors' published price lists (late 2025). Prices change:
// LLM_PRICING_JSON overrides any entry. Anthropic cache reads cost 0.1x input, 5-minute cache
// writes 1.25x. OpenAI has no "*": an unknown model on a compatible server may be free (Ollama)
// or not, so its cost is reported as unknown rather than guessed.
const claude = (input: number, output: number) => ({
  inputPer1M: input,
  outputPer1M: output,
  cacheReadPer1M: input / 10,
  cacheWritePer1M: input * 1.25,
});

/** Prices shipped with the library; {@link PricingTable.fromJson} merges over them. */
export const defaultPrices: PriceList = {
  anthropic: {
    'claude-opus-4-5': claude(5, 25),
    'claude-opus-4-1': claude(15, 75),
    'claude-opus-4': claude(15, 75),
    'claude-sonnet-4-5': claude(3, 15),
    'claude-sonnet-4': claude(3, 15),
    'claude-3-7-sonnet': claude(3, 15),
    'claude-haiku-4-5': claude(1, 5),
    'claude-3-5-haiku': claude(0.8, 4),
    '*': claude(3, 15),
  },
  openai: {
    'gpt-5': { inputPer1M: 1.25, outputPer1M: 10, cacheReadPer1M: 0.125 },
    'gpt-5-mini': { inputPer1M: 0.25, outputPer1M: 2, cacheReadPer1M: 0.025 },
    'gpt-5-nano': { inputPer1M: 0.05, outputPer1M: 0.4, cacheReadPer1M: 0.005 },
    'gpt-4.1': { inputPer1M: 2, outputPer1M: 8, cacheReadPer1M: 0.5 },
    'gpt-4.1-mini': { inputPer1M: 0.4, outputPer1M: 1.6, cacheReadPer1M: 0.1 },
    'gpt-4.1-nano': { inputPer1M: 0.1, outputPer1M: 0.4, cacheReadPer1M: 0.025 },
    'gpt-4o': { inputPer1M: 2.5, outputPer1M: 10, cacheReadPer1M: 1.25 },
    'gpt-4o-mini': { inputPer1M: 0.15, outputPer1M: 0.6, cacheReadPer1M: 0.075 },
    o3: { inputPer1M: 2, outputPer1M: 8, cacheReadPer1M: 0.5 },
    'o3-mini': { inputPer1M: 1.1, outputPer1M: 4.4, cacheReadPer1M: 0.55 },
    'o4-mini': { inputPer1M: 1.1, outputPer1M: 4.4, cacheReadPer1M: 0.275 },
  },
  offline: { '*': { inputPer1M: 0, outputPer1M: 0 } },
};
